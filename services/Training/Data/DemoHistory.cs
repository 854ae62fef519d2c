using GenderArchitecture.Training.Domain;

namespace GenderArchitecture.Training.Data;

/// <summary>
/// SYNTHETIC DEMONSTRATION DATA. A plausible training history for the personnel Structure holds: who was trained
/// when, in which session, by which trainer. Deterministic for a given personnel list and day (fixed seed); every
/// row is marked as demonstration data. Shares are chosen so compliance is realistic - high in the police, lower in
/// the Corps and the judiciary, with expired and soon-expiring certificates - never 100%.
/// </summary>
internal static class DemoHistory
{
    /// <summary>Trainee institutions, and the Kosovo Judicial Institute whose trainers deliver the judiciary's course.</summary>
    public static readonly string[] Institutions = ["kp", "kpc", "judiciary", "kji"];

    private sealed record Plan(string Institution, string CurriculumCode, double ShareTrained, int MonthsBack, DateOnly NotBefore, int SessionSize,
        string[] Locations, string? TrainersFrom = null);

    private static readonly Plan[] Plans =
    [
        new("kp", "kp-gender-5day", 0.82, 46, new DateOnly(2006, 1, 1), 24,
            ["Kosovo Centre for Public Safety Education and Development, Vushtrri", "Regional Police HQ Prishtina", "Regional Police HQ Prizren", "Regional Police HQ Peja", "Regional Police HQ Mitrovica"]),
        new("kpc", "kpc-gender-modules", 0.63, 44, new DateOnly(2008, 1, 1), 20, ["KPC Headquarters, Prishtina", "KPC Training and Doctrine Command"]),
        new("judiciary", "kji-gender-justice", 0.41, 200, new DateOnly(2009, 7, 1), 20, ["Kosovo Judicial Institute, Prishtina"], TrainersFrom: "kji"),
    ];

    public sealed record Result(List<Session> Sessions, List<Enrolment> Enrolments, List<Certificate> Certificates);

    public static Result Generate(IReadOnlyDictionary<string, IReadOnlyList<Officer>> personnel, IReadOnlyList<Curriculum> curricula, DateOnly today)
    {
        var random = new Random(1325);
        var byCode = curricula.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Version)!);
        var result = new Result([], [], []);
        var tot = byCode["kp-gender-tot"];

        // The trainer pool: a few experienced officers of each institution hold a training-of-trainers certificate,
        // some of which have lapsed or lapse soon.
        var pools = new Dictionary<string, List<(Officer Officer, DateOnly QualifiedOn)>>();
        foreach (var (institution, officers) in personnel.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var candidates = officers.OrderBy(o => o.ServiceNumber, StringComparer.Ordinal)
                .Where(o => o.RankBand is "middle" or "senior").ToList();
            if (candidates.Count == 0) candidates = officers.OrderBy(o => o.ServiceNumber, StringComparer.Ordinal).ToList();
            var count = Math.Clamp(officers.Count / 30, Math.Min(3, candidates.Count), 60);
            // The first few qualified just under two years ago, so the "trainers expiring soon" list has names on it.
            pools[institution] = candidates.OrderBy(_ => random.Next()).Take(count)
                .Select((o, i) => (o, i < 3 ? today.AddMonths(-24).AddDays(random.Next(10, 80)) : today.AddDays(-random.Next(20, 30 * 30)))).ToList();
        }

        // Trainers are trained first: a ToT session per small group, on their qualification dates.
        foreach (var (institution, pool) in pools.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var lead = pool.FirstOrDefault().Officer;
            foreach (var group in pool.OrderBy(p => p.QualifiedOn).Chunk(4))
            {
                var end = group.Max(g => g.QualifiedOn);
                AddSession(result, tot, institution, "Kosovo Centre for Public Safety Education and Development, Vushtrri", end, 3,
                    lead is null ? [] : [lead], group.Select(g => g.Officer).ToList(), [], random);
            }
        }

        foreach (var plan in Plans)
        {
            if (!personnel.TryGetValue(plan.Institution, out var officers) || !byCode.TryGetValue(plan.CurriculumCode, out var curriculum)) continue;
            var trainerIds = pools[plan.Institution].Select(p => p.Officer.ServiceNumber).ToHashSet();
            var leaders = plan.TrainersFrom is { } from && pools.TryGetValue(from, out var delivering) && delivering.Count > 0
                ? delivering : pools[plan.Institution];
            var earliest = today.AddMonths(-plan.MonthsBack) < plan.NotBefore ? plan.NotBefore : today.AddMonths(-plan.MonthsBack);
            var span = today.DayNumber - earliest.DayNumber;

            // Trainers hold the course they deliver; others are trained with the institution's share.
            var trained = new List<(Officer Officer, DateOnly On)>();
            var untrained = new List<Officer>();
            foreach (var officer in officers.OrderBy(o => o.ServiceNumber, StringComparer.Ordinal))
            {
                var isTrainer = trainerIds.Contains(officer.ServiceNumber);
                if (isTrainer || random.NextDouble() < plan.ShareTrained)
                {
                    var on = isTrainer ? today.AddDays(-random.Next(300, 900)) : earliest.AddDays(random.Next(Math.Max(1, span - 7)));
                    // Nobody is trained before joining: recruits take the course in their first months.
                    if (officer.ServiceStart is { } joined && on < joined) on = joined.AddDays(random.Next(20, 120));
                    if (on <= today.AddDays(-7)) trained.Add((officer, on));
                    else untrained.Add(officer);
                }
                else untrained.Add(officer);
            }

            var failing = untrained.Where(_ => random.NextDouble() < 0.15).ToList();
            var groups = trained.OrderBy(t => t.On).Chunk(plan.SessionSize).ToList();
            var pool = leaders.Select(p => p.Officer).ToList();
            for (var i = 0; i < groups.Count; i++)
            {
                var end = groups[i].Max(t => t.On);
                var lead = pool.Count == 0 ? [] : new[] { pool[random.Next(pool.Count)] };
                var failed = failing.Skip(i * failing.Count / Math.Max(1, groups.Count)).Take(failing.Count / Math.Max(1, groups.Count) + (i == groups.Count - 1 ? failing.Count : 0)).Distinct().ToList();
                AddSession(result, curriculum, plan.Institution, plan.Locations[random.Next(plan.Locations.Length)], end,
                    curriculum.Code == "kp-gender-5day" ? 5 : 2, lead, groups[i].Select(t => t.Officer).ToList(), failed, random);
            }

            // Sessions to come, with free places for those never trained.
            for (var k = 0; k < 3 && untrained.Count > 0; k++)
            {
                var start = today.AddDays(14 + 21 * k);
                var days = curriculum.Code == "kp-gender-5day" ? 5 : 2;
                var session = new Session(curriculum, plan.Institution, plan.Locations[k % plan.Locations.Length], start, start.AddDays(days - 1), 25,
                    pool.Take(1).Select(t => new SessionTrainer { InstitutionId = t.InstitutionId, ServiceNumber = t.ServiceNumber, Name = t.Name }), demonstration: true);
                foreach (var officer in untrained.Skip(k * 15).Take(8 + 6 * k)) result.Enrolments.Add(session.Enrol(officer));
                result.Sessions.Add(session);
            }
        }

        // A handful of certificates were withdrawn, as happens.
        foreach (var certificate in result.Certificates.Where(_ => random.NextDouble() < 0.003).ToList())
        {
            // Never after today: demonstration data has no event in the future.
            var revokedAt = certificate.CreatedAt.AddDays(30);
            var startOfToday = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            certificate.Revoke("Demonstration data: issued in error (attendance sheet corrected)", revokedAt < startOfToday ? revokedAt : startOfToday);
        }
        return result;
    }

    private static void AddSession(Result result, Curriculum curriculum, string institution, string location, DateOnly end, int days,
        IReadOnlyList<Officer> trainers, List<Officer> passing, List<Officer> failing, Random random)
    {
        var start = end.AddDays(-(days - 1));
        var session = new Session(curriculum, institution, location, start, end, Math.Max(25, passing.Count + failing.Count),
            trainers.Select(t => new SessionTrainer { InstitutionId = t.InstitutionId, ServiceNumber = t.ServiceNumber, Name = t.Name }), demonstration: true);
        result.Sessions.Add(session);
        var minimumDays = (int)Math.Ceiling(days * curriculum.MinimumAttendancePercent / 100.0);
        foreach (var officer in passing.Concat(failing).DistinctBy(o => o.ServiceNumber))
        {
            var passes = !failing.Contains(officer);
            var enrolment = session.Enrol(officer);
            var attended = passes ? Math.Max(minimumDays, days - (random.NextDouble() < 0.2 ? 1 : 0)) : random.Next(1, days + 1);
            for (var d = 0; d < attended; d++) enrolment.MarkAttendance(start.AddDays(d), present: true);
            var pre = Math.Round(30 + random.NextDouble() * 35, 1);
            var post = passes
                ? Math.Round(Math.Min(100, curriculum.PassMark + random.NextDouble() * (100 - curriculum.PassMark)), 1)
                : Math.Round(Math.Max(0, curriculum.PassMark - 1 - random.NextDouble() * 20), 1);
            enrolment.RecordResults(pre, post);
            result.Enrolments.Add(enrolment);
            if (!passes) continue;
            var certificate = new Certificate(curriculum, officer, end, session.Id, imported: false,
                end.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc), demonstration: true, random: random.Next);
            enrolment.Certified(certificate.Id);
            result.Certificates.Add(certificate);
        }
    }
}
