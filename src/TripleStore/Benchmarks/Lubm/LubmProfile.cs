namespace TripleStore.Benchmarks.Lubm;

/// <summary>
/// The counts and ratios of the LUBM data profile (UBA 1.7). Each pair is an inclusive range from which
/// the generator draws uniformly; ratios are "per faculty member" or "fraction of students".
/// </summary>
public static class LubmProfile
{
    public static readonly (int Min, int Max) DepartmentsPerUniversity = (15, 25);
    public static readonly (int Min, int Max) FullProfessors = (7, 10);
    public static readonly (int Min, int Max) AssociateProfessors = (10, 14);
    public static readonly (int Min, int Max) AssistantProfessors = (8, 11);
    public static readonly (int Min, int Max) Lecturers = (5, 7);
    public static readonly (int Min, int Max) CoursesPerFaculty = (1, 2);
    public static readonly (int Min, int Max) GraduateCoursesPerFaculty = (1, 2);
    public static readonly (int Min, int Max) ResearchGroups = (10, 20);
    public static readonly (int Min, int Max) UndergraduatesPerFaculty = (8, 14);
    public static readonly (int Min, int Max) GraduatesPerFaculty = (3, 4);
    public static readonly (int Min, int Max) UndergraduateCourses = (2, 4);
    public static readonly (int Min, int Max) GraduateCourses = (1, 3);
    public static readonly (int Min, int Max) FullProfessorPublications = (15, 20);
    public static readonly (int Min, int Max) AssociateProfessorPublications = (10, 18);
    public static readonly (int Min, int Max) AssistantProfessorPublications = (5, 10);
    public static readonly (int Min, int Max) LecturerPublications = (0, 5);
    public static readonly (int Min, int Max) GraduatePublications = (0, 5);

    /// <summary>Teaching assistants: between 1/5 and 1/4 of the graduate students.</summary>
    public static readonly (int Denominator1, int Denominator2) TeachingAssistantShare = (5, 4);

    /// <summary>Research assistants: between 1/4 and 1/3 of the graduate students.</summary>
    public static readonly (int Denominator1, int Denominator2) ResearchAssistantShare = (4, 3);

    /// <summary>One undergraduate in this many has a professor as advisor.</summary>
    public const int UndergraduatesPerAdvisedUndergraduate = 5;

    /// <summary>Distinct research interests ("Research0".."Research29") a professor is given one of.</summary>
    public const int ResearchAreas = 30;

    /// <summary>
    /// Degrees point to universities numbered below max(this, universities generated), as in UBA, where a
    /// degree usually comes from a university outside the generated set.
    /// </summary>
    public const int DegreeUniversityPool = 1000;
}
