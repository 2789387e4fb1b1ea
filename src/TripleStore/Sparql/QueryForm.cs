namespace TripleStore.Sparql;

public enum QueryForm
{
    Select,
    Construct,
    Ask,
    Describe,
}
