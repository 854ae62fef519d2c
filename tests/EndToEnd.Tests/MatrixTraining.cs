using System.Text;
using System.Text.Json;
using static GenderArchitecture.EndToEnd.Tests.MatrixArrange;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// Fresh training state for the matrix's session and certificate cells, arranged through the gateway as an administrator:
/// officers of KP serving at Prishtina station, a trainer qualified by an imported training-of-trainers completion, and a
/// five-day session of the seeded course that has already ended (attendance is recorded only for days that have come,
/// certificates only once the session has ended).
/// </summary>
internal static class MatrixTraining
{
    public const string Start = "2025-03-03";
    private static readonly string[] Days = ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07"];

    public static string Id(JsonElement e) => e.GetProperty("id").GetString()!;
    public static long Revision(JsonElement e) => e.GetProperty("revision").GetInt64();

    public static async Task<string> OfficerAsync(MatrixArrange a) => (await a.PersonAsync()).GetProperty("serviceNumber").GetString()!;

    /// <summary>The historic completions CSV the import takes (service_number,curriculum,completion_date,result).</summary>
    public static HttpRequestMessage Import(params (string ServiceNumber, string Curriculum, string CompletedOn)[] rows)
    {
        var csv = "service_number,curriculum,completion_date,result\n" + string.Join("\n", rows.Select(r => $"{r.ServiceNumber},{r.Curriculum},{r.CompletedOn},pass"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/training/certificates/import?institutionId=kp") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>An officer holding an imported certificate of the five-day course; returns the certificate.</summary>
    public static async Task<JsonElement> CertificateAsync(MatrixArrange a)
    {
        var officer = await OfficerAsync(a);
        await ImportAsync(a, (officer, "kp-gender-5day", "2024-03-15"));
        var page = await a.SendAsync(HttpMethod.Get, $"/api/v1/training/certificates?institutionId=kp&serviceNumber={officer}");
        return page.GetProperty("items")[0];
    }

    /// <summary>A body for creating a session of the five-day course led by a freshly qualified trainer.</summary>
    public static async Task<object> NewSessionAsync(MatrixArrange a)
    {
        var trainer = await OfficerAsync(a);
        await ImportAsync(a, (trainer, "kp-gender-5day", "2024-03-15"), (trainer, "kp-gender-tot", "2024-09-15"));
        var courses = await a.SendAsync(HttpMethod.Get, "/api/v1/training/curricula?code=kp-gender-5day");
        var course = courses.GetProperty("items").EnumerateArray().MaxBy(c => c.GetProperty("version").GetInt32());
        return new
        {
            curriculumId = Id(course), institutionId = "kp", location = "Prishtina", startDate = Start, endDate = Days[^1], capacity = 10,
            trainerServiceNumbers = new[] { trainer },
        };
    }

    public static async Task<JsonElement> SessionAsync(MatrixArrange a) => await a.PostAsync("/api/v1/training/sessions", await NewSessionAsync(a));

    /// <summary>A session with one enrolled officer; returns the session's id and the officer's service number.</summary>
    public static async Task<(string Session, string Officer)> EnrolledAsync(MatrixArrange a)
    {
        var session = Id(await SessionAsync(a));
        var officer = await OfficerAsync(a);
        await a.PostAsync($"/api/v1/training/sessions/{session}/enrolments", new { serviceNumber = officer });
        return (session, officer);
    }

    /// <summary>An enrolled officer who attended every day and passed: a certificate can be issued.</summary>
    public static async Task<(string Session, string Officer)> PassedAsync(MatrixArrange a)
    {
        var (session, officer) = await EnrolledAsync(a);
        foreach (var day in Days)
        {
            await a.SendAsync(HttpMethod.Put, $"/api/v1/training/sessions/{session}/attendance/{day}", new { marks = new[] { new { serviceNumber = officer, present = true } } });
        }
        await a.SendAsync(HttpMethod.Put, $"/api/v1/training/sessions/{session}/enrolments/{officer}/results", new { preTestScore = 50, postTestScore = 90 });
        return (session, officer);
    }

    private static async Task ImportAsync(MatrixArrange a, params (string, string, string)[] rows)
    {
        using var request = Import(rows);
        using var response = await a.Fixture.Client(AdminToken()).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var report = JsonDocument.Parse(text);
        if (!response.IsSuccessStatusCode || report.RootElement.GetProperty("certificatesCreated").GetInt32() != rows.Length)
        {
            throw new InvalidOperationException($"arranging the import: {(int)response.StatusCode} {text}");
        }
    }
}
