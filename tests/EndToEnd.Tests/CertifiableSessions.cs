using System.Text;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// What the certificate tests (the kill test, the replica race) start from: trainers qualified by the import of their
/// historic completions, and sessions of the latest five-day course whose officers are enrolled, attended every day and
/// passed, so that each of them can be certified.
/// </summary>
internal static class CertifiableSessions
{
    public const string Course = "kp-gender-5day";
    public static readonly string[] Days = ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07"];

    /// <summary>Qualifies each trainer (the course and its training of trainers) by the import of historic completions.</summary>
    public static async Task QualifyTrainersAsync(RetryingWriter writer, string admin, IReadOnlyCollection<string> trainers)
    {
        var csv = "service_number,curriculum,completion_date,result\n" +
            string.Join("\n", trainers.SelectMany(t => new[] { $"{t},{Course},2024-03-15,pass", $"{t},kp-gender-tot,2024-09-15,pass" }));
        var report = await writer.SendContentAsync(admin, HttpMethod.Post, "/api/v1/training/certificates/import?institutionId=kp",
            () => new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(trainers.Count * 2, report.GetProperty("certificatesCreated").GetInt32());
    }

    /// <summary>The id of the course's latest version.</summary>
    public static async Task<string> LatestCourseAsync(RetryingWriter writer, string admin)
    {
        var versions = await writer.GetAsync(admin, $"/api/v1/training/curricula?code={Course}");
        return versions.GetProperty("items").EnumerateArray().MaxBy(c => c.GetProperty("version").GetInt32()).GetProperty("id").GetString()!;
    }

    /// <summary>A session of the course given by the trainer, in which the officers (already in the register) are enrolled, attend every day and pass.</summary>
    public static async Task<string> CompletedSessionAsync(RetryingWriter writer, string admin, string course, string trainer, IReadOnlyList<string> officers)
    {
        var session = (await writer.SendAsync(admin, HttpMethod.Post, "/api/v1/training/sessions", new
        {
            curriculumId = course, institutionId = "kp", location = "Prishtina", startDate = Days[0], endDate = Days[^1],
            capacity = officers.Count, trainerServiceNumbers = new[] { trainer },
        })).GetProperty("id").GetString()!;
        foreach (var officer in officers)
        {
            await writer.SendAsync(admin, HttpMethod.Post, $"/api/v1/training/sessions/{session}/enrolments", new { serviceNumber = officer });
        }
        foreach (var day in Days)
        {
            await writer.SendAsync(admin, HttpMethod.Put, $"/api/v1/training/sessions/{session}/attendance/{day}",
                new { marks = officers.Select(o => new { serviceNumber = o, present = true }).ToArray() });
        }
        foreach (var officer in officers)
        {
            await writer.SendAsync(admin, HttpMethod.Put, $"/api/v1/training/sessions/{session}/enrolments/{officer}/results", new { preTestScore = 50, postTestScore = 90 });
        }
        return session;
    }
}
