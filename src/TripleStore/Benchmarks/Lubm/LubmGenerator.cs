using TripleStore.Rdf;
using static TripleStore.Benchmarks.Lubm.LubmProfile;

namespace TripleStore.Benchmarks.Lubm;

/// <summary>
/// Generates LUBM data (the Lehigh University Benchmark), following the structure and counts of the
/// UBA 1.7 generator: universities made of 15–25 departments, each with professors, lecturers,
/// students, courses, research groups and publications, named with UBA's URI scheme
/// (<c>http://www.Department0.University0.edu/FullProfessor0</c>). The output is a pure function of
/// (universities, seed, first index): each university draws from its own random stream, so the same
/// arguments always give byte-identical data. LUBM(1) is about 100,000 triples.
/// </summary>
/// <remarks>
/// Like UBA, the data states only what the profile asserts; the LUBM queries then need the ontology
/// (<see cref="UnivBenchOntology"/>) for inference: the department head has <c>ub:headOf</c> and no
/// <c>ub:worksFor</c>, students have no <c>ub:Student</c> type, and so on.
/// </remarks>
public sealed class LubmGenerator
{
    private static readonly Iri Type = RdfVocabulary.Type;
    private const string Telephone = "xxx-xxx-xxxx";

    public LubmGenerator(int universities, ulong seed = 0, int firstUniversityIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(universities);
        ArgumentOutOfRangeException.ThrowIfNegative(firstUniversityIndex);
        Universities = universities;
        Seed = seed;
        FirstUniversityIndex = firstUniversityIndex;
    }

    public int Universities { get; }

    public ulong Seed { get; }

    public int FirstUniversityIndex { get; }

    /// <summary>The IRI of a university, e.g. <c>http://www.University0.edu</c>.</summary>
    public static string UniversityIri(int university) => $"http://www.University{university}.edu";

    /// <summary>The IRI of a department, e.g. <c>http://www.Department0.University0.edu</c>.</summary>
    public static string DepartmentIri(int university, int department) => $"http://www.Department{department}.University{university}.edu";

    /// <summary>
    /// Streams the data set as triples in the default graph. <paramref name="cancellation"/> is checked
    /// before each department (a few thousand triples); it never changes what is generated.
    /// </summary>
    public IEnumerable<Quad> Generate(CancellationToken cancellation = default)
    {
        // A university referenced by a degree is typed once, the first time it appears; this keeps the
        // output free of duplicate triples while Q2 and Q13 can still find ub:University objects.
        var typedUniversities = new HashSet<int>();
        int degreePool = Math.Max(DegreeUniversityPool, FirstUniversityIndex + Universities);
        for (int u = FirstUniversityIndex; u < FirstUniversityIndex + Universities; u++)
        {
            var context = new UniversityContext(u, DeterministicRandom.ForStream(Seed, (ulong)u), typedUniversities, degreePool);
            foreach (var quad in GenerateUniversity(context, cancellation))
                yield return quad;
        }
    }

    /// <summary>Writes the data set as N-Triples; returns the number of triples.</summary>
    public long WriteNTriples(TextWriter output) => NTriplesOutput.Write(Generate(), output);

    private static IEnumerable<Quad> GenerateUniversity(UniversityContext u, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        if (u.TypedUniversities.Add(u.Index))
            yield return new Quad(u.Iri, Type, UnivBench.University);
        yield return new Quad(u.Iri, UnivBench.Name, Literal.Simple($"University{u.Index}"));

        int departments = Draw(u.Random, DepartmentsPerUniversity);
        for (int d = 0; d < departments; d++)
        {
            cancellation.ThrowIfCancellationRequested();
            foreach (var quad in GenerateDepartment(u, d))
                yield return quad;
        }
    }

    private static IEnumerable<Quad> GenerateDepartment(UniversityContext u, int index)
    {
        var rng = u.Random;
        var dept = new DepartmentContext(u, index);
        yield return new Quad(dept.Iri, Type, UnivBench.Department);
        yield return new Quad(dept.Iri, UnivBench.Name, Literal.Simple($"Department{index}"));
        yield return new Quad(dept.Iri, UnivBench.SubOrganizationOf, u.Iri);

        var faculty = new List<FacultyMember>();
        AddFaculty(faculty, FacultyKind.FullProfessor, Draw(rng, FullProfessors));
        AddFaculty(faculty, FacultyKind.AssociateProfessor, Draw(rng, AssociateProfessors));
        AddFaculty(faculty, FacultyKind.AssistantProfessor, Draw(rng, AssistantProfessors));
        AddFaculty(faculty, FacultyKind.Lecturer, Draw(rng, Lecturers));
        int fullProfessors = faculty.Count(f => f.Kind == FacultyKind.FullProfessor);
        int head = rng.Next(fullProfessors);
        var professors = faculty.Where(f => f.Kind != FacultyKind.Lecturer).ToArray();

        for (int i = 0; i < faculty.Count; i++)
            foreach (var quad in GenerateFacultyMember(u, dept, faculty[i], isHead: i == head))
                yield return quad;

        int groups = Draw(rng, ResearchGroups);
        for (int g = 0; g < groups; g++)
        {
            var group = dept.Child($"ResearchGroup{g}");
            yield return new Quad(group, Type, UnivBench.ResearchGroup);
            yield return new Quad(group, UnivBench.SubOrganizationOf, dept.Iri);
        }

        int undergraduates = faculty.Count * Draw(rng, UndergraduatesPerFaculty);
        for (int s = 0; s < undergraduates; s++)
            foreach (var quad in GenerateUndergraduate(u, dept, s, professors))
                yield return quad;

        int graduates = faculty.Count * Draw(rng, GraduatesPerFaculty);
        var graduateIris = new Iri[graduates];
        for (int s = 0; s < graduates; s++)
        {
            graduateIris[s] = dept.Child($"GraduateStudent{s}");
            foreach (var quad in GenerateGraduate(u, dept, graduateIris[s], s, professors))
                yield return quad;
        }

        // Each teaching assistant assists a different course, as in UBA.
        int assistants = Math.Min(Math.Min(ShareOf(rng, graduates, TeachingAssistantShare), graduates), dept.Courses);
        var assistantStudents = rng.SampleDistinct(graduates, assistants);
        var assistedCourses = rng.SampleDistinct(dept.Courses, assistants);
        for (int i = 0; i < assistants; i++)
        {
            var student = graduateIris[assistantStudents[i]];
            yield return new Quad(student, Type, UnivBench.TeachingAssistant);
            yield return new Quad(student, UnivBench.TeachingAssistantOf, dept.Child($"Course{assistedCourses[i]}"));
        }

        int researchAssistants = Math.Min(ShareOf(rng, graduates, ResearchAssistantShare), graduates);
        foreach (int s in rng.SampleDistinct(graduates, researchAssistants))
            yield return new Quad(graduateIris[s], Type, UnivBench.ResearchAssistant);
    }

    private static IEnumerable<Quad> GenerateFacultyMember(UniversityContext u, DepartmentContext dept, FacultyMember member, bool isHead)
    {
        var rng = u.Random;
        string localName = member.LocalName;
        var iri = dept.Child(localName);
        yield return new Quad(iri, Type, ClassOf(member.Kind));
        yield return new Quad(iri, UnivBench.Name, Literal.Simple(localName));
        yield return new Quad(iri, UnivBench.EmailAddress, Literal.Simple(dept.Email(localName)));
        yield return new Quad(iri, UnivBench.Telephone, Literal.Simple(Telephone));
        yield return new Quad(iri, isHead ? UnivBench.HeadOf : UnivBench.WorksFor, dept.Iri);
        if (member.Kind != FacultyKind.Lecturer)
            yield return new Quad(iri, UnivBench.ResearchInterest, Literal.Simple($"Research{rng.Next(ResearchAreas)}"));

        foreach (var degree in new[] { UnivBench.UndergraduateDegreeFrom, UnivBench.MastersDegreeFrom, UnivBench.DoctoralDegreeFrom })
            foreach (var quad in DegreeFrom(u, iri, degree))
                yield return quad;

        int courses = Draw(rng, CoursesPerFaculty);
        for (int c = 0; c < courses; c++)
        {
            string name = $"Course{dept.Courses++}";
            var course = dept.Child(name);
            yield return new Quad(iri, UnivBench.TeacherOf, course);
            yield return new Quad(course, Type, UnivBench.Course);
            yield return new Quad(course, UnivBench.Name, Literal.Simple(name));
        }

        int graduateCourses = Draw(rng, GraduateCoursesPerFaculty);
        for (int c = 0; c < graduateCourses; c++)
        {
            string name = $"GraduateCourse{dept.GraduateCourses++}";
            var course = dept.Child(name);
            yield return new Quad(iri, UnivBench.TeacherOf, course);
            yield return new Quad(course, Type, UnivBench.GraduateCourse);
            yield return new Quad(course, UnivBench.Name, Literal.Simple(name));
        }

        member.Publications = Draw(rng, PublicationRange(member.Kind));
        for (int p = 0; p < member.Publications; p++)
        {
            string name = $"Publication{p}";
            var publication = new Iri($"{iri.Value}/{name}");
            yield return new Quad(publication, Type, UnivBench.Publication);
            yield return new Quad(publication, UnivBench.Name, Literal.Simple(name));
            yield return new Quad(publication, UnivBench.PublicationAuthor, iri);
        }
    }

    private static IEnumerable<Quad> GenerateUndergraduate(UniversityContext u, DepartmentContext dept, int index, FacultyMember[] professors)
    {
        var rng = u.Random;
        string localName = $"UndergraduateStudent{index}";
        var iri = dept.Child(localName);
        yield return new Quad(iri, Type, UnivBench.UndergraduateStudent);
        yield return new Quad(iri, UnivBench.Name, Literal.Simple(localName));
        yield return new Quad(iri, UnivBench.EmailAddress, Literal.Simple(dept.Email(localName)));
        yield return new Quad(iri, UnivBench.Telephone, Literal.Simple(Telephone));
        yield return new Quad(iri, UnivBench.MemberOf, dept.Iri);
        int courses = Math.Min(Draw(rng, UndergraduateCourses), dept.Courses);
        foreach (int c in rng.SampleDistinct(dept.Courses, courses))
            yield return new Quad(iri, UnivBench.TakesCourse, dept.Child($"Course{c}"));
        if (rng.OneIn(UndergraduatesPerAdvisedUndergraduate))
            yield return new Quad(iri, UnivBench.Advisor, dept.Child(professors[rng.Next(professors.Length)].LocalName));
    }

    private static IEnumerable<Quad> GenerateGraduate(UniversityContext u, DepartmentContext dept, Iri iri, int index, FacultyMember[] professors)
    {
        var rng = u.Random;
        string localName = $"GraduateStudent{index}";
        yield return new Quad(iri, Type, UnivBench.GraduateStudent);
        yield return new Quad(iri, UnivBench.Name, Literal.Simple(localName));
        yield return new Quad(iri, UnivBench.EmailAddress, Literal.Simple(dept.Email(localName)));
        yield return new Quad(iri, UnivBench.Telephone, Literal.Simple(Telephone));
        yield return new Quad(iri, UnivBench.MemberOf, dept.Iri);
        int courses = Math.Min(Draw(rng, GraduateCourses), dept.GraduateCourses);
        foreach (int c in rng.SampleDistinct(dept.GraduateCourses, courses))
            yield return new Quad(iri, UnivBench.TakesCourse, dept.Child($"GraduateCourse{c}"));
        yield return new Quad(iri, UnivBench.Advisor, dept.Child(professors[rng.Next(professors.Length)].LocalName));
        foreach (var quad in DegreeFrom(u, iri, UnivBench.UndergraduateDegreeFrom))
            yield return quad;

        // Co-authorship: the student is added as an author of existing publications of professors in
        // the department; a publication is not listed twice for the same student.
        int papers = Draw(rng, GraduatePublications);
        var coauthored = new HashSet<string>(StringComparer.Ordinal);
        for (int p = 0; p < papers; p++)
        {
            var professor = professors[rng.Next(professors.Length)];
            if (professor.Publications == 0) continue;
            string publication = $"{dept.Iri.Value}/{professor.LocalName}/Publication{rng.Next(professor.Publications)}";
            if (coauthored.Add(publication))
                yield return new Quad(new Iri(publication), UnivBench.PublicationAuthor, iri);
        }
    }

    private static IEnumerable<Quad> DegreeFrom(UniversityContext u, Iri person, Iri degree)
    {
        int university = u.Random.Next(u.DegreePool);
        var target = new Iri(UniversityIri(university));
        if (u.TypedUniversities.Add(university))
            yield return new Quad(target, Type, UnivBench.University);
        yield return new Quad(person, degree, target);
    }

    private static void AddFaculty(List<FacultyMember> faculty, FacultyKind kind, int count)
    {
        for (int i = 0; i < count; i++)
            faculty.Add(new FacultyMember(kind, i));
    }

    private static int Draw(DeterministicRandom rng, (int Min, int Max) range) => rng.Between(range.Min, range.Max);

    // A share between 1/d1 and 1/d2 of a population: draw the fraction uniformly, round down.
    private static int ShareOf(DeterministicRandom rng, int population, (int Denominator1, int Denominator2) share)
    {
        double low = 1.0 / share.Denominator1, high = 1.0 / share.Denominator2;
        return (int)(population * (low + (high - low) * rng.NextDouble()));
    }

    private static (int Min, int Max) PublicationRange(FacultyKind kind) => kind switch
    {
        FacultyKind.FullProfessor => FullProfessorPublications,
        FacultyKind.AssociateProfessor => AssociateProfessorPublications,
        FacultyKind.AssistantProfessor => AssistantProfessorPublications,
        _ => LecturerPublications,
    };

    private static Iri ClassOf(FacultyKind kind) => kind switch
    {
        FacultyKind.FullProfessor => UnivBench.FullProfessor,
        FacultyKind.AssociateProfessor => UnivBench.AssociateProfessor,
        FacultyKind.AssistantProfessor => UnivBench.AssistantProfessor,
        _ => UnivBench.Lecturer,
    };

    private enum FacultyKind { FullProfessor, AssociateProfessor, AssistantProfessor, Lecturer }

    private sealed class FacultyMember(FacultyKind kind, int index)
    {
        public FacultyKind Kind { get; } = kind;
        public string LocalName { get; } = kind + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        public int Publications { get; set; }
    }

    private sealed class UniversityContext(int index, DeterministicRandom random, HashSet<int> typedUniversities, int degreePool)
    {
        public int Index { get; } = index;
        public Iri Iri { get; } = new(UniversityIri(index));
        public DeterministicRandom Random { get; } = random;
        public HashSet<int> TypedUniversities { get; } = typedUniversities;
        public int DegreePool { get; } = degreePool;
    }

    private sealed class DepartmentContext(UniversityContext university, int index)
    {
        public Iri Iri { get; } = new(DepartmentIri(university.Index, index));
        private readonly string _mailDomain = $"Department{index}.University{university.Index}.edu";

        /// <summary>Courses numbered so far; courses are unique to the faculty member who teaches them.</summary>
        public int Courses { get; set; }
        public int GraduateCourses { get; set; }

        public Iri Child(string localName) => new(Iri.Value + "/" + localName);
        public string Email(string localName) => localName + "@" + _mailDomain;
    }
}
