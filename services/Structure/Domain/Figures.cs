namespace GenderArchitecture.Structure.Domain;

/// <summary>Headcount of one group of people who share sex, rank band and community.</summary>
public sealed record HeadcountGroup(Sex Sex, RankBand? Band, string? Community, int Count);

public sealed record Composition(int Total, int Women, int Men, double WomenSharePercent, int SeniorTotal, int SeniorWomen,
    double SeniorWomenSharePercent, IReadOnlyDictionary<(Sex Sex, RankBand Band), int> Cells,
    IReadOnlyList<(string Community, int Women, int Men)> Communities, int CommunityRecorded)
{
    /// <summary>Composition of a set of people; ranks outside every band count in the totals only.</summary>
    public static Composition Of(IEnumerable<HeadcountGroup> groups)
    {
        var list = groups.ToList();
        int Count(Func<HeadcountGroup, bool> predicate) => list.Where(predicate).Sum(g => g.Count);
        var cells = new Dictionary<(Sex, RankBand), int>();
        foreach (var sex in new[] { Sex.Female, Sex.Male })
        {
            foreach (var band in new[] { RankBand.Junior, RankBand.Middle, RankBand.Senior })
            {
                cells[(sex, band)] = Count(g => g.Sex == sex && g.Band == band);
            }
        }
        var communities = list.Where(g => g.Community is not null)
            .GroupBy(g => g.Community!)
            .Select(g => (g.Key, g.Where(x => x.Sex == Sex.Female).Sum(x => x.Count), g.Where(x => x.Sex == Sex.Male).Sum(x => x.Count)))
            .OrderByDescending(c => c.Item2 + c.Item3).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var total = Count(_ => true);
        var women = Count(g => g.Sex == Sex.Female);
        var seniorTotal = Count(g => g.Band == RankBand.Senior);
        var seniorWomen = Count(g => g.Band == RankBand.Senior && g.Sex == Sex.Female);
        return new Composition(total, women, total - women, Percent(women, total), seniorTotal, seniorWomen,
            Percent(seniorWomen, seniorTotal), cells, communities, communities.Sum(c => c.Item2 + c.Item3));
    }

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
