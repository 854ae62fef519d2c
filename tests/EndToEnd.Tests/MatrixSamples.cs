using System.Net.Http.Json;
using System.Text.Json;
using GenderArchitecture.TestSupport;
using static GenderArchitecture.EndToEnd.Tests.MatrixArrange;

namespace GenderArchitecture.EndToEnd.Tests;

/// <summary>
/// One request per published route, valid for an allowed caller in scope (Prishtina station and region, KP): each builds
/// the state it needs (MatrixReports, MatrixTraining) fresh for its cell, so every allowed cell asserts a real success.
/// </summary>
public static class MatrixSamples
{
    private static MatrixSample Get(string path, int? outOfScope = null) =>
        new(200, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path)), outOfScope);

    private static MatrixSample Get(Func<MatrixArrange, Task<string>> path, int? outOfScope = null) =>
        new(200, async a => new HttpRequestMessage(HttpMethod.Get, await path(a)), outOfScope);

    private static MatrixSample Send(int status, HttpMethod method, Func<MatrixArrange, Task<(string Path, object Body)>> build, int? outOfScope = null) =>
        new(status, async a => { var (path, body) = await build(a); return Json(method, path, body); }, outOfScope);

    private static MatrixSample Post(int status, string path, Func<object> body, int? outOfScope = null) =>
        new(status, _ => Task.FromResult(Json(HttpMethod.Post, path, body())), outOfScope);

    private static long Version(JsonElement e) => e.TryGetProperty("version", out var v) ? v.GetInt64() : e.GetProperty("revision").GetInt64();
    private static string Id(JsonElement e) => e.GetProperty("id").GetString()!;

    /// <summary>Opens the months <see cref="MatrixPeriods"/> hands out (2020-02..2020-12) of Prishtina station for a month.</summary>
    private static object LockException() => new
    {
        stationId = "kp-station-prishtina", reason = "Matrix", formId = "station-monthly", periodFrom = "2020-02-01", periodTo = "2020-12-01",
        endsOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
    };

    private static readonly HttpMethod Put = HttpMethod.Put, PostM = HttpMethod.Post, Patch = HttpMethod.Patch;

    private static async Task<JsonElement> CurriculumAsync(MatrixArrange a)
    {
        var list = await a.SendAsync(HttpMethod.Get, "/api/v1/training/curricula?institutionId=kp");
        var first = list.GetProperty("items")[0];
        return await a.SendAsync(HttpMethod.Get, $"/api/v1/training/curricula/{Id(first)}");
    }

    /// <summary>A curriculum's content, as the create and update requests take it, copied from one read back.</summary>
    private static Dictionary<string, JsonElement> Content(JsonElement curriculum) =>
        new[] { "title", "modules", "audiences", "prerequisiteCodes", "passMark", "minimumAttendancePercent", "validityMonths", "recertificationWindowMonths", "mandates" }
            .Where(n => curriculum.TryGetProperty(n, out _)).ToDictionary(n => n, n => curriculum.GetProperty(n));

    private static async Task<JsonElement> NewCurriculumAsync(MatrixArrange a)
    {
        var content = Content(await CurriculumAsync(a));
        return await a.PostAsync("/api/v1/training/curricula", new { code = Unique("mx-cur"), institutionId = "kp", content });
    }

    private static async Task<string> HeldMeetingAsync(MatrixArrange a)
    {
        var meeting = await a.PostAsync($"/api/v1/bodies/{await a.BodyAsync()}/meetings", new { plannedOn = "2025-03-01", agenda = "Matrix" });
        var held = await a.PostAsync($"/api/v1/meetings/{Id(meeting)}/held", new { heldOn = "2025-03-01", attendeeMemberIds = Array.Empty<string>(), expectedVersion = Version(meeting) });
        return Id(held);
    }

    public static readonly IReadOnlyDictionary<string, MatrixSample> All = new Dictionary<string, MatrixSample>
    {
        // Sign-in and public reads.
        ["GET /api/v1/auth/sign-in-options"] = Get("/api/v1/auth/sign-in-options"),
        ["POST /api/v1/dev/tokens"] = Post(200, "/api/v1/dev/tokens", () => new { role = "oversight" }),
        ["GET /api/v1/institutions"] = Get("/api/v1/institutions"),
        ["GET /api/v1/certificates/verify/{code}"] = Get("/api/v1/certificates/verify/NO-SUCH-CODE"),

        // Structure: institutions and units.
        ["GET /api/v1/institutions/{id}"] = Get("/api/v1/institutions/kp"),
        ["GET /api/v1/institutions/{id}/units"] = Get("/api/v1/institutions/kp/units"),
        ["GET /api/v1/institutions/{id}/ranks"] = Get("/api/v1/institutions/kp/ranks"),
        ["POST /api/v1/institutions/{id}/ranks"] = Post(200, "/api/v1/institutions/kp/ranks", () => new { code = Unique("mx-rank"), name = "Matrix rank", band = "junior" }),
        ["GET /api/v1/units/{id}"] = Get("/api/v1/units/kp-station-prishtina"),
        ["GET /api/v1/units/{id}/subtree"] = Get("/api/v1/units/kp-region-prishtina/subtree"),
        ["GET /api/v1/units/{id}/composition"] = Get("/api/v1/units/kp/composition?on=2025-06-30"),
        ["GET /api/v1/units/{id}/focal-point-coverage"] = Get("/api/v1/units/kp-region-prishtina/focal-point-coverage?from=2025-01-01&to=2025-03-31"),
        ["GET /api/v1/units/{id}/focal-points"] = Get("/api/v1/units/kp-station-prishtina/focal-points"),
        ["GET /api/v1/units/{id}/personnel"] = Get("/api/v1/units/kp-station-prishtina/personnel", outOfScope: 404),
        ["POST /api/v1/units"] = Post(201, "/api/v1/units", () => new { id = Unique("mx-unit"), name = "Matrix unit", kind = "unit", parentId = "kp", openedOn = "2024-01-01" }),
        ["PUT /api/v1/units/{id}"] = Send(200, Put, async a =>
        {
            var unit = await a.PostAsync("/api/v1/units", new { id = Unique("mx-unit"), name = "Matrix unit", kind = "unit", parentId = "kp", openedOn = "2024-01-01" });
            return ($"/api/v1/units/{Id(unit)}", new { name = "Renamed matrix unit", expectedVersion = Version(unit) });
        }),
        ["POST /api/v1/units/{id}/close"] = Send(200, PostM, async a =>
        {
            var unit = await a.PostAsync("/api/v1/units", new { id = Unique("mx-unit"), name = "Matrix unit", kind = "unit", parentId = "kp", openedOn = "2024-01-01" });
            return ($"/api/v1/units/{Id(unit)}/close", new { closedOn = "2025-01-01", expectedVersion = Version(unit) });
        }),

        // Personnel and posts.
        ["GET /api/v1/personnel/{id}"] = Get(async a => $"/api/v1/personnel/{Id(await a.PersonAsync())}", outOfScope: 404),
        ["POST /api/v1/personnel"] = Post(201, "/api/v1/personnel", () => new
        {
            institutionId = "kp", serviceNumber = Unique("MX"), givenName = "Matrix", familyName = "Officer", sex = "female", rankCode = "officer",
            unitId = "kp-station-prishtina", serviceStart = "2015-01-01",
        }),
        ["PUT /api/v1/personnel/{id}"] = Send(200, Put, async a =>
        {
            var person = await a.PersonAsync();
            return ($"/api/v1/personnel/{Id(person)}", new
            {
                givenName = "Matrix", familyName = "Renamed", sex = "female", rankCode = "officer", unitId = "kp-station-prishtina", expectedVersion = Version(person),
            });
        }),
        ["POST /api/v1/personnel/{id}/end-service"] = Send(200, PostM, async a =>
        {
            var person = await a.PersonAsync();
            return ($"/api/v1/personnel/{Id(person)}/end-service", new { serviceEnd = "2025-01-01", expectedVersion = Version(person) });
        }),
        ["GET /api/v1/personnel/{id}/scopes"] = Get(async a => $"/api/v1/personnel/{Id(await a.PersonAsync())}/scopes"),
        // A fresh unit has no holder, so an appointment there overlaps nobody's.
        ["POST /api/v1/focal-points"] = Send(201, PostM, async a =>
            ("/api/v1/focal-points", new { unitId = await a.UnitAsync(), personId = Id(await a.PersonAsync()), startOn = "2025-01-01" })),
        ["POST /api/v1/focal-points/{id}/end"] = Send(200, PostM, async a =>
        {
            var appointment = await a.PostAsync("/api/v1/focal-points", new { unitId = await a.UnitAsync(), personId = Id(await a.PersonAsync()), startOn = "2025-01-01" });
            return ($"/api/v1/focal-points/{Id(appointment)}/end", new { endOn = "2025-06-30", expectedVersion = Version(appointment) });
        }),
        ["GET /api/v1/role-assignments"] = Get("/api/v1/role-assignments"),
        ["POST /api/v1/role-assignments"] = Send(201, PostM, async a =>
            ("/api/v1/role-assignments", new { personId = Id(await a.PersonAsync()), role = "reviewer", unitId = "kp-region-prishtina", startOn = "2025-01-01" })),
        ["POST /api/v1/role-assignments/{id}/end"] = Send(200, PostM, async a =>
        {
            var assignment = await a.PostAsync("/api/v1/role-assignments", new { personId = Id(await a.PersonAsync()), role = "reviewer", unitId = "kp-region-prishtina", startOn = "2025-01-01" });
            return ($"/api/v1/role-assignments/{Id(assignment)}/end", new { endOn = "2025-06-30", expectedVersion = Version(assignment) });
        }),

        // Gender bodies and action plans.
        ["GET /api/v1/bodies"] = Get("/api/v1/bodies"),
        ["GET /api/v1/bodies/{id}"] = Get("/api/v1/bodies/kp-advisory-board"),
        ["GET /api/v1/bodies/{id}/meetings"] = Get("/api/v1/bodies/kp-advisory-board/meetings"),
        ["GET /api/v1/bodies/{id}/decisions"] = Get("/api/v1/bodies/kp-advisory-board/decisions"),
        ["GET /api/v1/bodies/{id}/activity"] = Get("/api/v1/bodies/kp-advisory-board/activity?from=2025-01-01&to=2025-12-31"),
        ["GET /api/v1/action-plans"] = Get("/api/v1/action-plans"),
        ["GET /api/v1/action-plans/{id}"] = Get("/api/v1/action-plans/kp-gender-action-plan"),
        ["POST /api/v1/bodies"] = Post(201, "/api/v1/bodies", () => new { id = Unique("mx-body"), name = "Matrix body", kind = "board", ownerUnitId = "kp", establishedOn = "2024-01-01", quorum = 1 }),
        ["PUT /api/v1/bodies/{id}"] = Send(200, Put, async a =>
        {
            var body = await a.SendAsync(HttpMethod.Get, $"/api/v1/bodies/{await a.BodyAsync()}");
            var b = body.GetProperty("body");
            return ($"/api/v1/bodies/{Id(b)}", new { name = "Renamed matrix body", quorum = 1, expectedVersion = Version(b) });
        }),
        ["POST /api/v1/bodies/{id}/dissolve"] = Send(200, PostM, async a =>
        {
            var body = (await a.SendAsync(HttpMethod.Get, $"/api/v1/bodies/{await a.BodyAsync()}")).GetProperty("body");
            return ($"/api/v1/bodies/{Id(body)}/dissolve", new { dissolvedOn = "2025-01-01", expectedVersion = Version(body) });
        }),
        ["POST /api/v1/bodies/{id}/regulations"] = Send(200, PostM, async a => ($"/api/v1/bodies/{await a.BodyAsync()}/regulations", new { title = "Matrix rules", adoptedOn = "2024-02-01" })),
        ["POST /api/v1/bodies/{id}/members"] = Send(200, PostM, async a => ($"/api/v1/bodies/{await a.BodyAsync()}/members",
            new { name = "Matrix member", sex = "female", role = "member", representedOrganisation = "Matrix NGO", termStart = "2024-02-01" })),
        ["POST /api/v1/members/{id}/end"] = Send(200, PostM, async a =>
        {
            var member = await a.PostAsync($"/api/v1/bodies/{await a.BodyAsync()}/members",
                new { name = "Matrix member", sex = "female", role = "member", representedOrganisation = "Matrix NGO", termStart = "2024-02-01" });
            return ($"/api/v1/members/{Id(member)}/end", new { termEnd = "2025-01-01", expectedVersion = Version(member) });
        }),
        ["POST /api/v1/bodies/{id}/meetings"] = Send(200, PostM, async a => ($"/api/v1/bodies/{await a.BodyAsync()}/meetings", new { plannedOn = "2025-03-01", agenda = "Matrix" })),
        ["POST /api/v1/meetings/{id}/held"] = Send(200, PostM, async a =>
        {
            var meeting = await a.PostAsync($"/api/v1/bodies/{await a.BodyAsync()}/meetings", new { plannedOn = "2025-03-01", agenda = "Matrix" });
            return ($"/api/v1/meetings/{Id(meeting)}/held", new { heldOn = "2025-03-01", attendeeMemberIds = Array.Empty<string>(), expectedVersion = Version(meeting) });
        }),
        ["POST /api/v1/meetings/{id}/cancel"] = Send(200, PostM, async a =>
        {
            var meeting = await a.PostAsync($"/api/v1/bodies/{await a.BodyAsync()}/meetings", new { plannedOn = "2025-03-01", agenda = "Matrix" });
            return ($"/api/v1/meetings/{Id(meeting)}/cancel", new { expectedVersion = Version(meeting) });
        }),
        ["POST /api/v1/meetings/{id}/decisions"] = Send(200, PostM, async a => ($"/api/v1/meetings/{await HeldMeetingAsync(a)}/decisions", new { text = "Matrix decision" })),
        ["PUT /api/v1/decisions/{id}/follow-up"] = Send(200, Put, async a =>
        {
            var decision = await a.PostAsync($"/api/v1/meetings/{await HeldMeetingAsync(a)}/decisions", new { text = "Matrix decision" });
            return ($"/api/v1/decisions/{Id(decision)}/follow-up", new { followUpStatus = "in_progress", expectedVersion = Version(decision) });
        }),
        ["POST /api/v1/action-plans"] = Post(201, "/api/v1/action-plans", () => new { id = Unique("mx-plan"), title = "Matrix plan", ownerUnitId = "kp", periodStart = "2024-01-01", periodEnd = "2026-12-31" }),
        ["PUT /api/v1/action-plans/{id}"] = Send(200, Put, async a =>
        {
            var plan = await a.SendAsync(HttpMethod.Get, $"/api/v1/action-plans/{await a.PlanAsync()}");
            return ($"/api/v1/action-plans/{Id(plan)}", new { title = "Renamed plan", periodStart = "2024-01-01", periodEnd = "2026-12-31", expectedVersion = Version(plan) });
        }),
        ["POST /api/v1/action-plans/{id}/actions"] = Send(200, PostM, async a =>
            ($"/api/v1/action-plans/{await a.PlanAsync()}/actions", new { title = "Matrix action", responsibleUnitId = "kp", dueOn = "2026-06-30" })),
        ["PUT /api/v1/actions/{id}"] = Send(200, Put, async a =>
        {
            var action = await a.PostAsync($"/api/v1/action-plans/{await a.PlanAsync()}/actions", new { title = "Matrix action", responsibleUnitId = "kp", dueOn = "2026-06-30" });
            return ($"/api/v1/actions/{Id(action)}", new { title = "Matrix action", responsibleUnitId = "kp", dueOn = "2026-06-30", status = "in_progress", expectedVersion = Version(action) });
        }),
        ["POST /api/v1/actions/{id}/notes"] = Send(200, PostM, async a =>
        {
            var action = await a.PostAsync($"/api/v1/action-plans/{await a.PlanAsync()}/actions", new { title = "Matrix action", responsibleUnitId = "kp", dueOn = "2026-06-30" });
            return ($"/api/v1/actions/{Id(action)}/notes", new { writtenOn = "2025-02-01", text = "Matrix note" });
        }),

        // Training.
        ["GET /api/v1/training/curricula"] = Get("/api/v1/training/curricula"),
        ["GET /api/v1/training/curricula/{id}"] = Get(async a => $"/api/v1/training/curricula/{Id(await CurriculumAsync(a))}"),
        ["POST /api/v1/training/curricula"] = Send(201, PostM, async a =>
            ("/api/v1/training/curricula", new { code = Unique("mx-cur"), institutionId = "kp", content = Content(await CurriculumAsync(a)) }), outOfScope: 403),
        ["PUT /api/v1/training/curricula/{id}"] = Send(200, Put, async a =>
        {
            var curriculum = await NewCurriculumAsync(a);
            return ($"/api/v1/training/curricula/{Id(curriculum)}", new { expectedRevision = Version(curriculum), content = Content(curriculum) });
        }, outOfScope: 403),
        ["GET /api/v1/training/trainers"] = Get("/api/v1/training/trainers?institutionId=kp", outOfScope: 403),
        ["GET /api/v1/training/sessions"] = Get("/api/v1/training/sessions?institutionId=kp", outOfScope: 403),
        ["GET /api/v1/training/sessions/{id}"] = Get(async a => $"/api/v1/training/sessions/{Id(await MatrixTraining.SessionAsync(a))}", outOfScope: 404),
        ["POST /api/v1/training/sessions"] = Send(201, PostM, async a => ("/api/v1/training/sessions", await MatrixTraining.NewSessionAsync(a)), outOfScope: 403),
        ["PATCH /api/v1/training/sessions/{id}"] = Send(200, Patch, async a =>
        {
            var session = await MatrixTraining.SessionAsync(a);
            return ($"/api/v1/training/sessions/{Id(session)}", new { expectedRevision = MatrixTraining.Revision(session), location = "Peja" });
        }, outOfScope: 404),
        ["POST /api/v1/training/sessions/{id}/enrolments"] = Send(201, PostM, async a =>
            ($"/api/v1/training/sessions/{Id(await MatrixTraining.SessionAsync(a))}/enrolments", new { serviceNumber = await MatrixTraining.OfficerAsync(a) }), outOfScope: 404),
        ["DELETE /api/v1/training/sessions/{id}/enrolments/{serviceNumber}"] = new(200, async a =>
        {
            var (session, officer) = await MatrixTraining.EnrolledAsync(a);
            var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/training/sessions/{session}/enrolments/{officer}");
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return request;
        }, 404),
        ["PUT /api/v1/training/sessions/{id}/attendance/{day}"] = Send(200, Put, async a =>
        {
            var (session, officer) = await MatrixTraining.EnrolledAsync(a);
            return ($"/api/v1/training/sessions/{session}/attendance/{MatrixTraining.Start}", new { marks = new[] { new { serviceNumber = officer, present = true } } });
        }, outOfScope: 404),
        ["PUT /api/v1/training/sessions/{id}/enrolments/{serviceNumber}/results"] = Send(200, Put, async a =>
        {
            var (session, officer) = await MatrixTraining.EnrolledAsync(a);
            return ($"/api/v1/training/sessions/{session}/enrolments/{officer}/results", new { preTestScore = 50, postTestScore = 80 });
        }, outOfScope: 404),
        ["POST /api/v1/training/sessions/{id}/enrolments/{serviceNumber}/certificate"] = Send(201, PostM, async a =>
        {
            var (session, officer) = await MatrixTraining.PassedAsync(a);
            return ($"/api/v1/training/sessions/{session}/enrolments/{officer}/certificate", new { });
        }, outOfScope: 404),
        ["GET /api/v1/training/certificates"] = Get("/api/v1/training/certificates?institutionId=kp", outOfScope: 403),
        ["GET /api/v1/training/certificates/{id}"] = Get(async a => $"/api/v1/training/certificates/{Id(await MatrixTraining.CertificateAsync(a))}", outOfScope: 404),
        ["POST /api/v1/training/certificates/{id}/revocation"] = Send(200, PostM, async a =>
        {
            var certificate = await MatrixTraining.CertificateAsync(a);
            return ($"/api/v1/training/certificates/{Id(certificate)}/revocation", new { reason = "Matrix", expectedRevision = MatrixTraining.Revision(certificate) });
        }, outOfScope: 404),
        // A real CSV: one historic completion of a fresh officer. Another institution's training officer may import completions of
        // their own curricula for any officer (joint courses), so theirs is refused row by row: 422, nothing written.
        ["POST /api/v1/training/certificates/import"] = new(200, async a => MatrixTraining.Import((await MatrixTraining.OfficerAsync(a), "kp-gender-5day", "2024-03-15")), 422),
        ["GET /api/v1/training/compliance"] = Get("/api/v1/training/compliance?rootUnitId=kp&onDate=2025-06-30", outOfScope: 403),
        ["GET /api/v1/training/officers/{institutionId}/{serviceNumber}/record"] = Get(async a =>
            $"/api/v1/training/officers/kp/{(await a.PersonAsync()).GetProperty("serviceNumber").GetString()}/record", outOfScope: 403),
        ["GET /api/v1/training/work-lists/due-for-recertification"] = Get("/api/v1/training/work-lists/due-for-recertification?institutionId=kp", outOfScope: 403),
        ["GET /api/v1/training/work-lists/sessions-with-free-places"] = Get("/api/v1/training/work-lists/sessions-with-free-places?institutionId=kp", outOfScope: 403),
        ["GET /api/v1/training/work-lists/trainers-expiring"] = Get("/api/v1/training/work-lists/trainers-expiring?institutionId=kp", outOfScope: 403),

        // Reporting.
        ["GET /api/v1/reporting/forms"] = Get("/api/v1/reporting/forms"),
        ["GET /api/v1/reporting/stations/{stationId}/reports"] = Get("/api/v1/reporting/stations/kp-station-prishtina/reports", outOfScope: 403),
        // A month before the demo data, opened by a lock exception: a new draft, so no version to match.
        ["PUT /api/v1/reporting/stations/{stationId}/reports/{formId}/{periodStart}"] = Send(200, Put, async a =>
        {
            await a.PostAsync("/api/v1/reporting/lock-exceptions", LockException());
            return ($"/api/v1/reporting/stations/kp-station-prishtina/reports/station-monthly/{MatrixPeriods.Next()}",
                new { values = new[] { new { elementId = "dv-cases-reported", state = "number", number = 3 } } });
        }, outOfScope: 403),
        ["GET /api/v1/reporting/reports/{id}"] = Get(async a => $"/api/v1/reporting/reports/{Id(await MatrixReports.DraftAsync(a, MatrixReports.FocalPoint()))}", outOfScope: 404),
        ["GET /api/v1/reporting/reports/{id}/history"] = Get(async a => $"/api/v1/reporting/reports/{Id(await MatrixReports.DraftAsync(a, MatrixReports.FocalPoint()))}/history", outOfScope: 404),
        ["POST /api/v1/reporting/reports/{id}/submit"] = new(200, async a =>
        {
            var draft = await MatrixReports.DraftAsync(a, MatrixReports.FocalPoint());
            return MatrixReports.Request(PostM, $"/api/v1/reporting/reports/{Id(draft)}/submit", new { }, Version(draft));
        }, 404),
        ["POST /api/v1/reporting/reports/{id}/corrections"] = new(200, async a =>
        {
            var approved = await MatrixReports.ApprovedAsync(a);
            return MatrixReports.Request(PostM, $"/api/v1/reporting/reports/{Id(approved)}/corrections", new { reason = "Matrix", values = StationMonthlyForm.Values }, Version(approved));
        }, 404),
        ["GET /api/v1/reporting/review-queue"] = Get("/api/v1/reporting/review-queue"),
        ["POST /api/v1/reporting/reports/{id}/approve"] = new(200, async a =>
        {
            var submitted = await MatrixReports.SubmittedAsync(a);
            return MatrixReports.Request(PostM, $"/api/v1/reporting/reports/{Id(submitted)}/approve", new { comment = "" }, Version(submitted));
        }, 404),
        ["POST /api/v1/reporting/reports/{id}/return"] = new(200, async a =>
        {
            var submitted = await MatrixReports.SubmittedAsync(a);
            return MatrixReports.Request(PostM, $"/api/v1/reporting/reports/{Id(submitted)}/return", new { comment = "Matrix" }, Version(submitted));
        }, 404),
        ["GET /api/v1/reporting/lock-exceptions"] = Get("/api/v1/reporting/lock-exceptions"),
        ["POST /api/v1/reporting/lock-exceptions"] = Post(201, "/api/v1/reporting/lock-exceptions", () => LockException()),
        ["DELETE /api/v1/reporting/lock-exceptions/{id}"] = new(200, async a =>
        {
            var opened = await a.PostAsync("/api/v1/reporting/lock-exceptions", LockException());
            var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/reporting/lock-exceptions/{Id(opened)}?reason=Matrix");
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return request;
        }),
        ["GET /api/v1/reporting/completeness"] = Get("/api/v1/reporting/completeness?formId=station-monthly&unitId=kp-region-prishtina&periodFrom=2025-01-01&periodTo=2025-06-01", outOfScope: 403),
        ["GET /api/v1/reporting/aggregates"] = Get("/api/v1/reporting/aggregates?formId=station-monthly&elementId=dv-cases-reported&periodFrom=2025-01-01&periodTo=2025-06-01&grouping=month&level=total"),
        ["GET /api/v1/reporting/aggregates.csv"] = Get("/api/v1/reporting/aggregates.csv?formId=station-monthly&elementId=dv-cases-reported&periodFrom=2025-01-01&periodTo=2025-06-01&grouping=month&level=total"),

        // Dashboards and audit.
        ["GET /api/v1/dashboards/{institution}"] = Get("/api/v1/dashboards/kp?from=2025-01-01&to=2025-03-31"),
        ["GET /api/v1/audit"] = Get("/api/v1/audit"),
        ["GET /api/v1/audit.csv"] = Get("/api/v1/audit.csv"),
    }.Concat(MatrixForms.Samples).ToDictionary();
}

/// <summary>Distinct months for the drafts the matrix saves, so a second allowed save is not a conflict with the first.</summary>
internal static class MatrixPeriods
{
    private static int _next;
    public static string Next() => new DateOnly(2020, 1, 1).AddMonths(1 + Interlocked.Increment(ref _next) % 11).ToString("yyyy-MM-dd");
}
