using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TripleStore.Benchmarks.Lubm;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Benchmarks;

public class LubmGeneratorTests
{
    private static readonly Lazy<Quad[]> Lubm1 = new(() => new LubmGenerator(1, seed: 0).Generate().ToArray());

    [Fact]
    public void SameUniversitiesAndSeedGiveByteIdenticalOutput()
    {
        Assert.Equal(Hash(new LubmGenerator(2, seed: 11)), Hash(new LubmGenerator(2, seed: 11)));
    }

    [Fact]
    public void Lubm1IsByteIdenticalToTheRecordedOutputWithOrWithoutACancellationToken()
    {
        // SHA-256 of the N-Triples of LUBM(1), seed 0, as generated before cancellation checks were added.
        const string Recorded = "32F81D87CBE3E86BC816F0CAFB368D84E36A9C7DD9910F9BB8B28EF90A13FCBF";
        using var live = new CancellationTokenSource();
        Assert.Equal(Recorded, Hash(new LubmGenerator(1, seed: 0)));
        Assert.Equal(Recorded, HashOf(new LubmGenerator(1, seed: 0).Generate(live.Token)));
    }

    [Fact]
    public void CancelingStopsGenerationWithinADepartment()
    {
        using var stop = new CancellationTokenSource();
        const int CancelAfter = 10_000;
        long produced = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in new LubmGenerator(5, seed: 0).Generate(stop.Token))
                if (++produced == CancelAfter) stop.Cancel();
        });

        // A department is at most about 10,000 triples; LUBM(5) is over 600,000.
        Assert.InRange(produced, CancelAfter, CancelAfter + 12_000);
    }

    [Fact]
    public void DifferentSeedGivesDifferentOutput()
    {
        Assert.NotEqual(Hash(new LubmGenerator(1, seed: 1)), Hash(new LubmGenerator(1, seed: 2)));
    }

    [Fact]
    public void AUniversityDependsOnlyOnItsIndexAndTheSeed()
    {
        // University1 of LUBM(2) must equal LUBM(1) started at index 1 (apart from which referenced
        // universities were already typed), so data sets can be generated in parts.
        static IEnumerable<Quad> OwnedBy1(IEnumerable<Quad> quads) =>
            quads.Where(q => q.Subject is Iri s && s.Value.Contains("University1.edu", StringComparison.Ordinal));
        var whole = OwnedBy1(new LubmGenerator(2, seed: 5).Generate()).ToArray();
        var part = OwnedBy1(new LubmGenerator(1, seed: 5, firstUniversityIndex: 1).Generate()).ToArray();
        Assert.NotEmpty(whole);
        Assert.Equal(whole.Where(q => q.Predicate != RdfVocabulary.Type || !IsUniversityType(q)),
                     part.Where(q => q.Predicate != RdfVocabulary.Type || !IsUniversityType(q)));
    }

    [Fact]
    public void Lubm1HasAboutOneHundredThousandTriplesWithoutDuplicates()
    {
        var quads = Lubm1.Value;
        // 15–25 departments of roughly 6,000–7,500 triples each.
        Assert.InRange(quads.Length, 80_000, 190_000);
        Assert.Equal(quads.Length, quads.Distinct().Count());
    }

    [Fact]
    public void EveryLineIsStrictNTriples()
    {
        var text = new StringWriter();
        long count = new LubmGenerator(1, seed: 3).WriteNTriples(text);
        var lines = text.ToString().Split('\n');
        Assert.Equal("", lines[^1]); // the output ends with a newline
        Assert.Equal(count, lines.Length - 1);
        foreach (var line in lines[..^1])
            Assert.True(NTriplesLineSyntax.IsValid(line), $"Not a valid N-Triples line: {line}");
    }

    [Fact]
    public void UniversityHasFifteenToTwentyFiveDepartmentsUnderIt()
    {
        var departments = SubjectsOfType(UnivBench.Department).ToArray();
        Assert.InRange(departments.Length, 15, 25);
        foreach (var d in departments)
            Assert.Contains(new Quad(d, UnivBench.SubOrganizationOf, new Iri("http://www.University0.edu")), Lubm1.Value);
        Assert.Contains(new Quad(new Iri("http://www.University0.edu"), RdfVocabulary.Type, UnivBench.University), Lubm1.Value);
    }

    [Fact]
    public void EachDepartmentFollowsTheUbaProfile()
    {
        var quads = Lubm1.Value;
        var types = quads.Where(q => q.Predicate == RdfVocabulary.Type)
            .GroupBy(q => q.Subject).ToDictionary(g => g.Key, g => g.Select(q => (Iri)q.Object).ToHashSet());
        // (department IRI, class) → number of entities directly under the department's IRI with that type.
        var perDepartment = new Dictionary<(string, Iri), int>();
        foreach (var q in quads.Where(q => q.Predicate == RdfVocabulary.Type))
        {
            string s = ((Iri)q.Subject).Value;
            int slash = s.LastIndexOf('/');
            if (slash <= "http://".Length || s.IndexOf('/', "http://".Length) != slash) continue;
            var key = (s[..slash], (Iri)q.Object);
            perDepartment[key] = perDepartment.GetValueOrDefault(key) + 1;
        }
        foreach (Iri dept in SubjectsOfType(UnivBench.Department))
        {
            int Count(Iri cls) => perDepartment.GetValueOrDefault((dept.Value, cls));
            int full = Count(UnivBench.FullProfessor), associate = Count(UnivBench.AssociateProfessor);
            int assistant = Count(UnivBench.AssistantProfessor), lecturers = Count(UnivBench.Lecturer);
            Assert.InRange(full, 7, 10);
            Assert.InRange(associate, 10, 14);
            Assert.InRange(assistant, 8, 11);
            Assert.InRange(lecturers, 5, 7);
            int faculty = full + associate + assistant + lecturers;

            int undergraduates = Count(UnivBench.UndergraduateStudent), graduates = Count(UnivBench.GraduateStudent);
            Assert.Equal(0, undergraduates % faculty);
            Assert.InRange(undergraduates / faculty, 8, 14);
            Assert.Equal(0, graduates % faculty);
            Assert.InRange(graduates / faculty, 3, 4);
            Assert.InRange(Count(UnivBench.ResearchGroup), 10, 20);
            Assert.InRange(Count(UnivBench.Course), faculty, 2 * faculty);
            Assert.InRange(Count(UnivBench.GraduateCourse), faculty, 2 * faculty);
            Assert.InRange(Count(UnivBench.TeachingAssistant), graduates / 5 - 1, graduates / 4);
            Assert.InRange(Count(UnivBench.ResearchAssistant), graduates / 4 - 1, graduates / 3);

            var heads = quads.Where(q => q.Predicate == UnivBench.HeadOf && q.Object == dept).ToArray();
            var head = Assert.Single(heads);
            Assert.Contains(UnivBench.FullProfessor, types[head.Subject]);
        }
    }

    [Fact]
    public void StudentsAndAdvisorsAreLinkedWithinTheirDepartment()
    {
        var quads = Lubm1.Value;
        var members = quads.Where(q => q.Predicate == UnivBench.MemberOf).ToDictionary(q => q.Subject, q => (Iri)q.Object);
        var graduates = SubjectsOfType(UnivBench.GraduateStudent).ToArray();
        var undergraduates = SubjectsOfType(UnivBench.UndergraduateStudent).ToArray();
        Assert.All(graduates.Concat(undergraduates), s => Assert.True(members.ContainsKey(s), $"{s} has no memberOf"));

        var advisors = quads.Where(q => q.Predicate == UnivBench.Advisor).ToDictionary(q => q.Subject, q => (Iri)q.Object);
        Assert.All(graduates, g => Assert.StartsWith(members[g].Value + "/", advisors[g].Value));
        Assert.All(advisors.Values, a => Assert.Matches("/(Full|Associate|Assistant)Professor[0-9]+$", a.Value));

        // About 1/5 of undergraduates have an advisor.
        double advised = undergraduates.Count(advisors.ContainsKey) / (double)undergraduates.Length;
        Assert.InRange(advised, 0.15, 0.25);
    }

    [Fact]
    public void CoursesTakenExistAndPublicationsHaveAuthors()
    {
        var quads = Lubm1.Value;
        var courses = SubjectsOfType(UnivBench.Course).Concat(SubjectsOfType(UnivBench.GraduateCourse)).ToHashSet();
        var taken = quads.Where(q => q.Predicate == UnivBench.TakesCourse).Select(q => q.Object).ToArray();
        Assert.NotEmpty(taken);
        Assert.All(taken, c => Assert.Contains(c, courses));

        var authored = quads.Where(q => q.Predicate == UnivBench.PublicationAuthor).Select(q => q.Subject).ToHashSet();
        Assert.All(SubjectsOfType(UnivBench.Publication), p => Assert.Contains(p, authored));
        var graduates = SubjectsOfType(UnivBench.GraduateStudent).ToHashSet();
        Assert.Contains(quads, q => q.Predicate == UnivBench.PublicationAuthor && graduates.Contains(q.Object));
    }

    [Fact]
    public void FacultyHaveThreeDegreesFromTypedUniversities()
    {
        var quads = Lubm1.Value;
        var universities = SubjectsOfType(UnivBench.University).ToHashSet();
        foreach (var degree in new[] { UnivBench.UndergraduateDegreeFrom, UnivBench.MastersDegreeFrom, UnivBench.DoctoralDegreeFrom })
        {
            var targets = quads.Where(q => q.Predicate == degree).Select(q => q.Object).ToArray();
            Assert.NotEmpty(targets);
            Assert.All(targets, u => Assert.Contains(u, universities));
        }
        Assert.All(SubjectsOfType(UnivBench.FullProfessor),
            p => Assert.Single(quads, q => q.Subject == p && q.Predicate == UnivBench.DoctoralDegreeFrom));
    }

    [Fact]
    public void UsesTheUbaUriScheme()
    {
        var subjects = Lubm1.Value.Select(q => q.Subject).OfType<Iri>().Select(i => i.Value).ToHashSet();
        Assert.Contains("http://www.Department0.University0.edu/FullProfessor0", subjects);
        Assert.Contains("http://www.Department0.University0.edu/FullProfessor0/Publication0", subjects);
        Assert.Contains("http://www.Department0.University0.edu/GraduateCourse0", subjects);
        Assert.Contains("http://www.Department0.University0.edu/AssistantProfessor0", subjects);
        Assert.Contains("http://www.Department0.University0.edu/AssociateProfessor0", subjects);
        Assert.Contains(Lubm1.Value, q => q.Subject is Iri s && s.Value == "http://www.Department0.University0.edu/FullProfessor0"
            && q.Predicate == UnivBench.EmailAddress && ((Literal)q.Object).Value == "FullProfessor0@Department0.University0.edu");
    }

    private static bool IsUniversityType(Quad q) => q.Object == UnivBench.University;

    private static IEnumerable<Term> SubjectsOfType(Iri cls) =>
        Lubm1.Value.Where(q => q.Predicate == RdfVocabulary.Type && q.Object == cls).Select(q => q.Subject);

    internal static string HashOf(IEnumerable<Quad> quads)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var writer = new HashingWriter(sha);
        TripleStore.Benchmarks.NTriplesOutput.Write(quads, writer);
        writer.Flush();
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static string Hash(LubmGenerator generator)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var writer = new HashingWriter(sha);
        generator.WriteNTriples(writer);
        writer.Flush();
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>Hashes the UTF-8 bytes written to it, so byte-identity is checked without keeping the text.</summary>
    internal sealed class HashingWriter(IncrementalHash hash) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => Write(value.ToString());
        public override void Write(string? value)
        {
            if (value is not null) hash.AppendData(Encoding.UTF8.GetBytes(value));
        }
        public override void Write(System.Text.StringBuilder? value) => Write(value?.ToString());
    }
}
