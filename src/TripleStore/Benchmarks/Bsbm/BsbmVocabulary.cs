using TripleStore.Rdf;

namespace TripleStore.Benchmarks.Bsbm;

/// <summary>The namespaces and terms of the Berlin SPARQL Benchmark (BSBM v3) data set.</summary>
public static class BsbmVocabulary
{
    public const string Namespace = "http://www4.wiwiss.fu-berlin.de/bizer/bsbm/v01/vocabulary/";
    public const string InstancesNamespace = "http://www4.wiwiss.fu-berlin.de/bizer/bsbm/v01/instances/";
    public const string RdfsNamespace = "http://www.w3.org/2000/01/rdf-schema#";
    public const string FoafNamespace = "http://xmlns.com/foaf/0.1/";
    public const string DcNamespace = "http://purl.org/dc/elements/1.1/";
    public const string RevNamespace = "http://purl.org/stuff/rev#";
    public const string CountriesNamespace = "http://downlode.org/rdf/iso-3166/countries#";

    public static readonly Iri Product = Bsbm("Product");
    public static readonly Iri ProductType = Bsbm("ProductType");
    public static readonly Iri ProductFeature = Bsbm("ProductFeature");
    public static readonly Iri Producer = Bsbm("Producer");
    public static readonly Iri Vendor = Bsbm("Vendor");
    public static readonly Iri Offer = Bsbm("Offer");
    public static readonly Iri Review = Bsbm("Review");
    public static readonly Iri RatingSite = Bsbm("RatingSite");

    public static readonly Iri ProducerProperty = Bsbm("producer");
    public static readonly Iri ProductFeatureProperty = Bsbm("productFeature");
    public static readonly Iri Country = Bsbm("country");
    public static readonly Iri ProductProperty = Bsbm("product");
    public static readonly Iri VendorProperty = Bsbm("vendor");
    public static readonly Iri Price = Bsbm("price");
    public static readonly Iri ValidFrom = Bsbm("validFrom");
    public static readonly Iri ValidTo = Bsbm("validTo");
    public static readonly Iri DeliveryDays = Bsbm("deliveryDays");
    public static readonly Iri OfferWebpage = Bsbm("offerWebpage");
    public static readonly Iri ReviewFor = Bsbm("reviewFor");
    public static readonly Iri ReviewDate = Bsbm("reviewDate");

    /// <summary>The datatype of offer prices.</summary>
    public static readonly Iri Usd = Bsbm("USD");

    public static readonly Iri Label = new(RdfsNamespace + "label");
    public static readonly Iri Comment = new(RdfsNamespace + "comment");
    public static readonly Iri SubClassOf = new(RdfsNamespace + "subClassOf");
    public static readonly Iri Class = new(RdfsNamespace + "Class");
    public static readonly Iri Homepage = new(FoafNamespace + "homepage");
    public static readonly Iri Person = new(FoafNamespace + "Person");
    public static readonly Iri PersonName = new(FoafNamespace + "name");
    public static readonly Iri MboxSha1Sum = new(FoafNamespace + "mbox_sha1sum");
    public static readonly Iri Publisher = new(DcNamespace + "publisher");
    public static readonly Iri Date = new(DcNamespace + "date");
    public static readonly Iri Title = new(DcNamespace + "title");
    public static readonly Iri Reviewer = new(RevNamespace + "reviewer");
    public static readonly Iri Text = new(RevNamespace + "text");

    /// <summary>bsbm:productPropertyNumeric1..6.</summary>
    public static Iri ProductPropertyNumeric(int n) => NumericProperties[n - 1];

    /// <summary>bsbm:productPropertyTextual1..6.</summary>
    public static Iri ProductPropertyTextual(int n) => TextualProperties[n - 1];

    /// <summary>bsbm:rating1..4.</summary>
    public static Iri Rating(int n) => RatingProperties[n - 1];

    private static readonly Iri[] NumericProperties = Enumerable.Range(1, 6).Select(i => Bsbm($"productPropertyNumeric{i}")).ToArray();
    private static readonly Iri[] TextualProperties = Enumerable.Range(1, 6).Select(i => Bsbm($"productPropertyTextual{i}")).ToArray();
    private static readonly Iri[] RatingProperties = Enumerable.Range(1, 4).Select(i => Bsbm($"rating{i}")).ToArray();

    private static Iri Bsbm(string localName) => new(Namespace + localName);
}
