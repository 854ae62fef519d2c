using GenderArchitecture.ServiceDefaults.Disclosure;

namespace GenderArchitecture.Structure.Domain;

/// <summary>
/// Headcount of the people of one institution who share sex, rank band (none for ranks outside every band),
/// community (none when not recorded) and, in the judiciary, judicial role: a base cell of the composition grid.
/// </summary>
public sealed record HeadcountGroup(string InstitutionId, Sex Sex, RankBand? Band, string? Community, int Count, JudicialRole? Role = null)
{
    /// <summary>
    /// The base cell's stable name: never a date, so the same cell with the same count is adjusted the same way. A cell
    /// without a judicial role keeps the name it had before roles were in the grid, and so its published value.
    /// </summary>
    public string Cell => $"{InstitutionId}|{Band?.ToString() ?? "none"}|{Sex}|{Community ?? ""}" + (Role is { } role ? $"|{role}" : "");
}

public sealed record CommunityFigures(string Community, PublishedCount Women, PublishedCount Men);

/// <summary>Judges or prosecutors: how many, how many women, and by community - each a sum of the same protected base cells.</summary>
public sealed record RoleFigures(JudicialRole Role, PublishedCount Total, PublishedCount Women, PublishedCount Men, double? WomenSharePercent,
    IReadOnlyList<CommunityFigures> Communities);

/// <summary>
/// Composition of a set of people. Every figure is a sum over base cells (institution x rank band x judicial role x sex x community):
/// of true counts for readers who may see them, of protected counts otherwise, so that no combination of answers
/// (sexes against totals, communities against bands, one date against another) reveals more than protected cells.
/// Shares are computed from the published counts.
/// </summary>
public sealed record Composition(PublishedCount Total, PublishedCount Women, PublishedCount Men, double? WomenSharePercent,
    PublishedCount SeniorTotal, PublishedCount SeniorWomen, double? SeniorWomenSharePercent,
    IReadOnlyDictionary<(Sex Sex, RankBand Band), PublishedCount> Cells, IReadOnlyList<CommunityFigures> Communities,
    PublishedCount CommunityRecorded, IReadOnlyList<RoleFigures> Roles)
{
    public const string Dataset = "structure-composition";
    public const string Grain = "institution x rank band x judicial role x sex x community";

    /// <param name="protect">Null for exact figures; otherwise the disclosure control that protects each base cell.</param>
    public static Composition Of(IEnumerable<HeadcountGroup> groups, DisclosureControl? protect)
    {
        // Several ranks share a band: merge them into their base cell before any cell is protected.
        var cells = groups.GroupBy(g => (g.InstitutionId, g.Sex, g.Band, g.Community, g.Role))
            .Select(g => g.First() with { Count = g.Sum(x => x.Count) })
            .Where(g => g.Count > 0)
            .ToList();
        var published = cells.ToDictionary(c => c, c => protect is null ? c.Count : protect.Adjust(Dataset, c.Cell, c.Count));
        PublishedCount Sum(Func<HeadcountGroup, bool> predicate)
        {
            var members = cells.Where(predicate).ToList();
            var trueCount = members.Sum(c => (long)c.Count);
            return protect is null ? DisclosureControl.Exact(trueCount) : protect.Publish(members.Sum(c => published[c]), trueCount > 0);
        }

        var byBand = new Dictionary<(Sex, RankBand), PublishedCount>();
        foreach (var sex in new[] { Sex.Female, Sex.Male })
        {
            foreach (var band in new[] { RankBand.Junior, RankBand.Middle, RankBand.Senior })
            {
                byBand[(sex, band)] = Sum(g => g.Sex == sex && g.Band == band);
            }
        }
        // Listed by published size, then name: an order by true size would rank protected communities.
        List<CommunityFigures> CommunitiesOf(Func<HeadcountGroup, bool> among) => cells.Where(g => g.Community is not null && among(g)).Select(g => g.Community!).Distinct()
            .Select(name => new CommunityFigures(name, Sum(g => among(g) && g.Community == name && g.Sex == Sex.Female), Sum(g => among(g) && g.Community == name && g.Sex == Sex.Male)))
            .OrderByDescending(c => (c.Women.Value ?? 0) + (c.Men.Value ?? 0)).ThenBy(c => c.Community, StringComparer.Ordinal)
            .ToList();
        var communities = CommunitiesOf(_ => true);
        var roles = cells.Where(g => g.Role is not null).Select(g => g.Role!.Value).Distinct().Order().Select(role =>
        {
            var (all, women) = (Sum(g => g.Role == role), Sum(g => g.Role == role && g.Sex == Sex.Female));
            return new RoleFigures(role, all, women, Sum(g => g.Role == role && g.Sex != Sex.Female), Share(women, all), CommunitiesOf(g => g.Role == role));
        }).ToList();
        var total = Sum(_ => true);
        var women = Sum(g => g.Sex == Sex.Female);
        var seniorTotal = Sum(g => g.Band == RankBand.Senior);
        var seniorWomen = Sum(g => g.Band == RankBand.Senior && g.Sex == Sex.Female);
        return new Composition(total, women, Sum(g => g.Sex != Sex.Female), Share(women, total), seniorTotal, seniorWomen,
            Share(seniorWomen, seniorTotal), byBand, communities, Sum(g => g.Community is not null), roles);
    }

    /// <summary>A percentage of two published counts; none when either has no value or the whole is 0.</summary>
    public static double? Share(PublishedCount part, PublishedCount whole) =>
        part.Value is { } p && whole.Value is { } w && w > 0 ? Percent(p, w) : null;

    public static double Percent(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);
}

public sealed record StationCoverage(string UnitId, string Name, int OpenDays, int CoveredDays, Guid? HolderPersonId)
{
    public int VacancyDays => OpenDays - CoveredDays;
}

public sealed record Coverage(IReadOnlyList<StationCoverage> Stations)
{
    public int StationsActive => Stations.Count;
    public int StationsWithFocalPoint => Stations.Count(s => s.CoveredDays > 0);
    public int StationsFullyCovered => Stations.Count(s => s.VacancyDays == 0);
    public double CoveragePercent => Composition.Percent(Stations.Sum(s => (long)s.CoveredDays), Stations.Sum(s => (long)s.OpenDays));

    /// <summary>
    /// Coverage of <paramref name="stations"/> over [from, to] (both included). A station counts only for the days it
    /// was open, so a station closed before the period is left out and one closed during it counts until it closed.
    /// </summary>
    public static Coverage Of(IEnumerable<OrganisationUnit> stations, ILookup<string, FocalPointAppointment> appointments, DateOnly from, DateOnly to)
    {
        var periodEnd = to.AddDays(1);
        var result = new List<StationCoverage>();
        foreach (var station in stations.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var start = Max(from, station.OpenedOn);
            var end = station.ClosedOn is { } closed ? Min(periodEnd, closed) : periodEnd;
            if (end <= start) continue;

            var covered = 0;
            var cursor = start;
            foreach (var a in appointments[station.Id].OrderBy(a => a.StartOn))
            {
                var s = Max(Max(a.StartOn, cursor), start);
                var e = a.EndOn is { } ended ? Min(ended, end) : end;
                if (e <= s) continue;
                covered += e.DayNumber - s.DayNumber;
                cursor = e;
            }
            var lastDay = end.AddDays(-1);
            var holder = appointments[station.Id].FirstOrDefault(a => a.IsActiveOn(lastDay));
            result.Add(new StationCoverage(station.Id, station.Name, end.DayNumber - start.DayNumber, covered, holder?.PersonId));
        }
        return new Coverage(result);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

public sealed record BodyActivity(int MeetingsPlanned, int MeetingsHeld, int MeetingsCancelled, int MeetingsQuorumMet,
    IReadOnlyDictionary<FollowUpStatus, int> Decisions, int ActionsTotal, int ActionsDone, int ActionsOverdue, int ActionsInProgress)
{
    /// <summary>Activity over [from, to]: meetings by planned date, held meetings by the day they were held.</summary>
    public static BodyActivity Of(IReadOnlyCollection<Meeting> meetings, IReadOnlyCollection<Decision> decisions,
        IReadOnlyCollection<PlanAction> actions, DateOnly from, DateOnly to)
    {
        bool In(DateOnly d) => d >= from && d <= to;
        var held = meetings.Where(m => m.Status == MeetingStatus.Held && m.HeldOn is { } h && In(h)).ToList();
        return new BodyActivity(
            meetings.Count(m => In(m.PlannedOn)),
            held.Count,
            meetings.Count(m => m.Status == MeetingStatus.Cancelled && In(m.PlannedOn)),
            held.Count(m => m.QuorumMet),
            Enum.GetValues<FollowUpStatus>().ToDictionary(s => s, s => decisions.Count(d => d.FollowUpStatus == s && In(d.TakenOn))),
            actions.Count,
            actions.Count(a => a.Status == ActionStatus.Done),
            actions.Count(a => a.IsOverdueOn(to)),
            actions.Count(a => a.Status == ActionStatus.InProgress));
    }
}
