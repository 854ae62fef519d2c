using GenderArchitecture.Structure.Domain;
using Microsoft.EntityFrameworkCore;

namespace GenderArchitecture.Structure.Data;

/// <summary>
/// SYNTHETIC DEMONSTRATION DATA. Generates invented personnel (names, ranks, dates, communities) at a realistic
/// scale - several thousand police officers with about 15% women and fewer in senior ranks, a judiciary of a few
/// hundred, some KPC - and a focal-point appointment history for every KP station. No record describes a real
/// person. The output depends only on <see cref="RandomSeed"/> and the seeded unit ids, so every run produces the
/// same people with the same ids; the seeder inserts those it does not find (by service number).
/// </summary>
public static class DemoPersonnelGenerator
{
    public const int RandomSeed = 1325;

    public sealed record Generated(IReadOnlyList<Person> Personnel, IReadOnlyList<FocalPointAppointment> Appointments);

    public static async Task SeedAsync(StructureDbContext db, IReadOnlySet<string> seededUnitIds, ILogger logger, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var units = await db.OrganisationUnits.AsNoTracking().Where(u => seededUnitIds.Contains(u.Id)).ToListAsync(cancellationToken);
        var generated = Generate(units);
        var generatedIn = TimeProvider.System.GetElapsedTime(started);

        var existing = (await db.Personnel.Select(p => new { p.InstitutionId, p.ServiceNumber, p.Id }).ToListAsync(cancellationToken));
        var existingNumbers = existing.Select(p => (p.InstitutionId, p.ServiceNumber)).ToHashSet();
        var knownIds = existing.Select(p => p.Id).ToHashSet();
        var ranks = (await db.Ranks.Select(r => new { r.InstitutionId, r.Code }).ToListAsync(cancellationToken))
            .Select(r => (r.InstitutionId, r.Code)).ToHashSet();
        var stationsWithAppointments = (await db.FocalPointAppointments.Select(a => a.UnitId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        var people = generated.Personnel
            .Where(p => !existingNumbers.Contains((p.InstitutionId, p.ServiceNumber)) && ranks.Contains((p.InstitutionId, p.RankCode)))
            .ToList();
        knownIds.UnionWith(people.Select(p => p.Id));
        var appointments = generated.Appointments
            .Where(a => !stationsWithAppointments.Contains(a.UnitId) && knownIds.Contains(a.PersonId))
            .ToList();
        if (people.Count == 0 && appointments.Count == 0) return;

        // Thousands of rows: one SaveChanges without change detection keeps start-up fast.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Personnel.AddRange(people);
            db.FocalPointAppointments.AddRange(appointments);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        logger.LogInformation("Seeded {People} synthetic demonstration personnel records and {Appointments} focal-point appointments (generated in {Generated} ms, stored in {Total} ms)",
            people.Count, appointments.Count, (int)generatedIn.TotalMilliseconds, (int)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    public static Generated Generate(IReadOnlyCollection<OrganisationUnit> units)
    {
        var random = new Random(RandomSeed);
        var people = new List<Person>();
        var ordered = units.OrderBy(u => u.Id, StringComparer.Ordinal).ToList();
        var numbers = new Dictionary<string, int>();

        void AddPeople(OrganisationUnit unit, int count, (string Rank, double Weight, double WomenShare)[] profile, string? position = null)
        {
            for (var i = 0; i < count; i++)
            {
                var pick = Pick(random, profile, p => p.Weight);
                var sex = random.NextDouble() < pick.WomenShare ? Sex.Female : Sex.Male;
                var community = Community(random, unit.Id);
                var (given, family) = Name(random, sex, community);
                var earliest = unit.OpenedOn > new DateOnly(2000, 1, 1) ? unit.OpenedOn : new DateOnly(2000, 1, 1);
                var start = RandomDate(random, earliest, new DateOnly(2024, 12, 31));
                var number = numbers[unit.InstitutionId] = numbers.GetValueOrDefault(unit.InstitutionId) + 1;
                var person = new Person(NextGuid(random), unit.InstitutionId, $"{unit.InstitutionId.ToUpperInvariant()}-{number:D5}",
                    given, family, sex, pick.Rank, position, unit.Id, start, random.NextDouble() < 0.85 ? community : null);
                if (random.NextDouble() < 0.07)
                {
                    var end = RandomDate(random, start.AddYears(1), new DateOnly(2025, 12, 31));
                    if (end > start) person.SetServiceEnd(end);
                }
                people.Add(person);
            }
        }

        foreach (var unit in ordered)
        {
            switch (unit.InstitutionId, unit.Kind)
            {
                case ("kp", OrganisationUnitKind.Institution):
                    AddPeople(unit, 1, [("general-director", 1, 0)], "General Director");
                    AddPeople(unit, 260, PoliceHeadquarters);
                    break;
                case ("kp", OrganisationUnitKind.Region):
                    AddPeople(unit, 70, PoliceHeadquarters);
                    break;
                case ("kp", OrganisationUnitKind.Station):
                    AddPeople(unit, StationSize(random, unit.Id), PoliceStation);
                    break;
                case ("kp", _):
                    AddPeople(unit, 14, [("officer", 3, 0.5), ("sergeant", 3, 0.5), ("lieutenant", 2, 0.4), ("captain", 1, 0.4), ("major", 0.5, 0.3)]);
                    break;
                case ("kpc", _):
                    AddPeople(unit, unit.Kind == OrganisationUnitKind.Region ? 110 : 70, ProtectionCorps);
                    break;
                case ("judiciary", OrganisationUnitKind.Court):
                    var size = unit.Id == "judiciary-court-prishtina" ? 2 : 1;
                    AddPeople(unit, 1, [("court-president", 1, 0.2)], "President of the court");
                    AddPeople(unit, 18 * size, [("judge", 1, 0.32)], "Judge");
                    AddPeople(unit, 22 * size, [("court-staff", 1, 0.48)], "Court staff");
                    AddPeople(unit, 3 * size, [("lawyer", 1, 0.42)], "Legal adviser");
                    break;
                case ("judiciary", _):
                    AddPeople(unit, 1, [("chief-prosecutor", 1, 0.15)], "Chief prosecutor");
                    AddPeople(unit, 9, [("prosecutor", 1, 0.27)], "Prosecutor");
                    AddPeople(unit, 6, [("court-staff", 1, 0.5)], "Prosecution staff");
                    break;
                case ("kji", _) or ("age", _):
                    AddPeople(unit, 12, [("staff", 6, 0.65), ("officer", 3, 0.6), ("trainer", 3, 0.5)]);
                    break;
            }
        }

        return new Generated(people, Appointments(random, ordered, people));
    }

    private static readonly (string Rank, double Weight, double WomenShare)[] PoliceStation =
    [
        ("officer", 74, 0.165), ("sergeant", 16, 0.135), ("lieutenant", 6, 0.11), ("captain", 3, 0.09), ("major", 1, 0.07),
    ];

    private static readonly (string Rank, double Weight, double WomenShare)[] PoliceHeadquarters =
    [
        ("officer", 45, 0.17), ("sergeant", 20, 0.15), ("lieutenant", 13, 0.12), ("captain", 10, 0.1), ("major", 6, 0.08),
        ("lieutenant-colonel", 3.5, 0.07), ("colonel", 2, 0.05), ("brigadier-general", 0.4, 0.04), ("major-general", 0.1, 0),
    ];

    private static readonly (string Rank, double Weight, double WomenShare)[] ProtectionCorps =
    [
        ("private", 45, 0.06), ("corporal", 20, 0.05), ("sergeant", 15, 0.05), ("lieutenant", 9, 0.04), ("captain", 6, 0.03),
        ("major", 3, 0.03), ("lieutenant-colonel", 1.5, 0.02), ("colonel", 0.5, 0),
    ];

    private static int StationSize(Random random, string unitId) => unitId switch
    {
        "kp-station-prishtina" => 620,
        "kp-station-prizren" => 380,
        "kp-station-peja" or "kp-station-mitrovica" => 290,
        "kp-station-gjakova" or "kp-station-gjilan" or "kp-station-ferizaj" => 250,
        _ => random.Next(60, 150),
    };

    /// <summary>A first focal point per station from 2005, some replaced after a vacancy, a few stations vacant today.</summary>
    private static List<FocalPointAppointment> Appointments(Random random, List<OrganisationUnit> units, List<Person> people)
    {
        var appointments = new List<FocalPointAppointment>();
        var byUnit = people.ToLookup(p => p.UnitId);
        foreach (var station in units.Where(u => u.InstitutionId == "kp" && u.Kind == OrganisationUnitKind.Station))
        {
            var start = new DateOnly(2005, 1, 10).AddDays(random.Next(0, 400));
            var first = Candidate(byUnit[station.Id], start, random);
            if (first is null) continue;
            var replaced = random.NextDouble() < 0.4;
            DateOnly? firstEnd = replaced ? RandomDate(random, new DateOnly(2009, 1, 1), new DateOnly(2023, 12, 31)) : null;
            appointments.Add(new FocalPointAppointment(NextGuid(random), station.Id, first.Id, start, firstEnd));
            if (firstEnd is not { } ended) continue;

            var next = ended.AddDays(random.Next(0, 240));
            var second = Candidate(byUnit[station.Id].Where(p => p.Id != first.Id), next, random);
            if (second is null) continue;
            DateOnly? secondEnd = random.NextDouble() < 0.12 ? RandomDate(random, next.AddDays(60), new DateOnly(2025, 10, 31)) : null;
            appointments.Add(new FocalPointAppointment(NextGuid(random), station.Id, second.Id, next, secondEnd));
        }
        return appointments;
    }

    private static Person? Candidate(IEnumerable<Person> staff, DateOnly on, Random random)
    {
        var eligible = staff.Where(p => p.IsInServiceOn(on) && p.ServiceEnd is null).OrderBy(p => p.ServiceNumber, StringComparer.Ordinal).ToList();
        var women = eligible.Where(p => p.Sex == Sex.Female).ToList();
        var pool = women.Count > 0 ? women : eligible;
        return pool.Count == 0 ? null : pool[random.Next(pool.Count)];
    }

    private static string Community(Random random, string unitId)
    {
        var northern = unitId is "kp-station-zvecan" or "kp-station-leposaviq";
        var roll = random.NextDouble();
        if (northern) return roll < 0.88 ? "Serb" : roll < 0.96 ? "Albanian" : "Bosniak";
        return roll switch
        {
            < 0.85 => "Albanian",
            < 0.93 => "Serb",
            < 0.955 => "Bosniak",
            < 0.975 => "Turkish",
            < 0.99 => "Roma, Ashkali, Egyptian",
            _ => "Gorani",
        };
    }

    private static (string Given, string Family) Name(Random random, Sex sex, string community)
    {
        var serbian = community == "Serb";
        string[] given = (sex, serbian) switch
        {
            (Sex.Female, false) => ["Arta", "Blerta", "Drita", "Fatime", "Lirije", "Mimoza", "Shpresa", "Teuta", "Vjosa", "Edona", "Albana", "Valbona", "Besa", "Donika", "Hana"],
            (Sex.Female, true) => ["Milica", "Jelena", "Ana", "Marija", "Jovana", "Snežana", "Dragana", "Ivana"],
            (_, false) => ["Agron", "Arben", "Besnik", "Driton", "Fatmir", "Leutrim", "Naim", "Valon", "Ilir", "Kushtrim", "Blerim", "Ardian", "Gentian", "Shkelzen", "Faton"],
            (_, true) => ["Miloš", "Nikola", "Stefan", "Marko", "Dragan", "Nenad", "Dejan", "Zoran"],
        };
        string[] family = serbian
            ? ["Jovanović", "Petrović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić", "Stanković"]
            : ["Krasniqi", "Berisha", "Gashi", "Hoxha", "Shala", "Morina", "Rexhepi", "Kelmendi", "Bytyqi", "Osmani", "Halimi", "Syla", "Ahmeti", "Mustafa", "Zeqiri", "Thaçi", "Hyseni", "Kastrati"];
        return (given[random.Next(given.Length)], family[random.Next(family.Length)]);
    }

    private static T Pick<T>(Random random, T[] items, Func<T, double> weight)
    {
        var roll = random.NextDouble() * items.Sum(weight);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0) return item;
        }
        return items[^1];
    }

    private static DateOnly RandomDate(Random random, DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(random.Next(0, to.DayNumber - from.DayNumber + 1));

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
