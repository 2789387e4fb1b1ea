using TripleStore.Rdf;

namespace TripleStore.Benchmarks.Lubm;

/// <summary>The terms of the univ-bench ontology that the LUBM generator emits (prefix <c>ub:</c>).</summary>
public static class UnivBench
{
    public const string Namespace = "http://swat.cse.lehigh.edu/onto/univ-bench.owl#";

    public static readonly Iri University = Term("University");
    public static readonly Iri Department = Term("Department");
    public static readonly Iri ResearchGroup = Term("ResearchGroup");
    public static readonly Iri FullProfessor = Term("FullProfessor");
    public static readonly Iri AssociateProfessor = Term("AssociateProfessor");
    public static readonly Iri AssistantProfessor = Term("AssistantProfessor");
    public static readonly Iri Lecturer = Term("Lecturer");
    public static readonly Iri UndergraduateStudent = Term("UndergraduateStudent");
    public static readonly Iri GraduateStudent = Term("GraduateStudent");
    public static readonly Iri TeachingAssistant = Term("TeachingAssistant");
    public static readonly Iri ResearchAssistant = Term("ResearchAssistant");
    public static readonly Iri Course = Term("Course");
    public static readonly Iri GraduateCourse = Term("GraduateCourse");
    public static readonly Iri Publication = Term("Publication");

    public static readonly Iri Name = Term("name");
    public static readonly Iri EmailAddress = Term("emailAddress");
    public static readonly Iri Telephone = Term("telephone");
    public static readonly Iri ResearchInterest = Term("researchInterest");
    public static readonly Iri WorksFor = Term("worksFor");
    public static readonly Iri HeadOf = Term("headOf");
    public static readonly Iri MemberOf = Term("memberOf");
    public static readonly Iri SubOrganizationOf = Term("subOrganizationOf");
    public static readonly Iri TeacherOf = Term("teacherOf");
    public static readonly Iri TakesCourse = Term("takesCourse");
    public static readonly Iri Advisor = Term("advisor");
    public static readonly Iri TeachingAssistantOf = Term("teachingAssistantOf");
    public static readonly Iri PublicationAuthor = Term("publicationAuthor");
    public static readonly Iri UndergraduateDegreeFrom = Term("undergraduateDegreeFrom");
    public static readonly Iri MastersDegreeFrom = Term("mastersDegreeFrom");
    public static readonly Iri DoctoralDegreeFrom = Term("doctoralDegreeFrom");

    private static Iri Term(string localName) => new(Namespace + localName);
}
