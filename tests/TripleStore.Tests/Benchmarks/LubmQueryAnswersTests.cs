using TripleStore.Benchmarks.Lubm;
using TripleStore.Rdf;
using Xunit;

namespace TripleStore.Tests.Benchmarks;

/// <summary>
/// LUBM(1) must give the queries something to find. These evaluate a few of them by hand over the
/// generated triples (with the inferences they need spelled out), independent of the SPARQL engine.
/// </summary>
public class LubmQueryAnswersTests
{
    private static readonly Lazy<Quad[]> Data = new(() => new LubmGenerator(1, seed: 0).Generate().ToArray());
    private static readonly Iri Department0 = new("http://www.Department0.University0.edu");
    private static readonly Iri University0 = new("http://www.University0.edu");

    [Fact]
    public void Q1GraduateCourse0HasGraduateStudents()
    {
        var course = new Iri("http://www.Department0.University0.edu/GraduateCourse0");
        var graduates = OfType(UnivBench.GraduateStudent);
        var answers = Data.Value.Where(q => q.Predicate == UnivBench.TakesCourse && q.Object == course && graduates.Contains(q.Subject)).ToArray();
        Assert.InRange(answers.Length, 1, 30);
    }

    [Fact]
    public void Q4ProfessorsOfDepartment0IncludeTheHeadThroughHeadOf()
    {
        var professors = OfType(UnivBench.FullProfessor, UnivBench.AssociateProfessor, UnivBench.AssistantProfessor);
        var worksFor = Data.Value.Where(q => (q.Predicate == UnivBench.WorksFor || q.Predicate == UnivBench.HeadOf)
                                             && q.Object == Department0 && professors.Contains(q.Subject)).ToArray();
        Assert.InRange(worksFor.Length, 25, 35);
        Assert.Single(worksFor, q => q.Predicate == UnivBench.HeadOf);
    }

    [Fact]
    public void Q9SomeStudentsTakeACourseTaughtByTheirAdvisor()
    {
        var teaches = Data.Value.Where(q => q.Predicate == UnivBench.TeacherOf).Select(q => (q.Subject, q.Object)).ToHashSet();
        var takes = Data.Value.Where(q => q.Predicate == UnivBench.TakesCourse).ToLookup(q => q.Subject, q => q.Object);
        int triangles = Data.Value.Where(q => q.Predicate == UnivBench.Advisor)
            .Sum(a => takes[a.Subject].Count(course => teaches.Contains((a.Object, course))));
        Assert.InRange(triangles, 20, 2000);
    }

    [Fact]
    public void Q11ResearchGroupsReachUniversity0Transitively()
    {
        var departments = Data.Value.Where(q => q.Predicate == UnivBench.SubOrganizationOf && q.Object == University0).Select(q => q.Subject).ToHashSet();
        var groups = Data.Value.Where(q => q.Predicate == UnivBench.SubOrganizationOf && departments.Contains(q.Object)).Select(q => q.Subject).ToArray();
        Assert.Equal(OfType(UnivBench.ResearchGroup).Count, groups.Length);
        Assert.InRange(groups.Length, 15 * 10, 25 * 20);
    }

    [Fact]
    public void Q13University0HasAlumni()
    {
        var degrees = new[] { UnivBench.UndergraduateDegreeFrom, UnivBench.MastersDegreeFrom, UnivBench.DoctoralDegreeFrom };
        var alumni = Data.Value.Where(q => degrees.Contains(q.Predicate) && q.Object == University0).Select(q => q.Subject).Distinct().ToArray();
        Assert.NotEmpty(alumni);
    }

    private static HashSet<Term> OfType(params Iri[] classes) =>
        Data.Value.Where(q => q.Predicate == RdfVocabulary.Type && classes.Contains(q.Object)).Select(q => q.Subject).ToHashSet();
}
