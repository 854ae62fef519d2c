using System.Globalization;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;

namespace GenderArchitecture.Reporting.Units;

/// <summary>An organisation unit as Reporting needs it: where it sits and when it was open.</summary>
public sealed record UnitInfo(string Id, string Kind, string ParentId, string InstitutionId, IReadOnlyList<string> AncestorIds, DateOnly? OpenedOn, DateOnly? ClosedOn)
{
    /// <summary>The level between station and institution used in aggregates: the unit's parent (its region).</summary>
    public string RegionId => ParentId.Length == 0 ? InstitutionId : ParentId;

    /// <summary>True when the unit is one of <paramref name="roots"/> or lies beneath one of them.</summary>
    public bool IsWithin(IEnumerable<string> roots) => roots.Any(r => r == Id || AncestorIds.Contains(r));

    /// <remarks>As in Structure: closed_on is the first day the unit is no longer open.</remarks>
    public bool IsOpenDuring(DateOnly from, DateOnly to) => (OpenedOn is null || OpenedOn <= to) && (ClosedOn is null || ClosedOn > from);
}

/// <summary>
/// Reporting's view of the Structure service: units, their ancestors and the stations of a subtree open in a period,
/// with a short-lived cache (units change rarely; a minute of staleness is acceptable for scope and statistics).
/// Calls carry the service's own identity; the caller's rights are checked here before anything is asked.
/// </summary>
public sealed class UnitDirectory(StructureService.StructureServiceClient structure, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>The unit with its ancestors (institution first), or null when Structure does not know it.</summary>
    public async Task<UnitInfo?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        if (cache.TryGetValue(("unit", id), out UnitInfo? cached)) return cached;

        OrganisationUnit unit;
        try
        {
            unit = (await structure.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = id }, cancellationToken: cancellationToken)).Unit;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        var ancestors = unit.AncestorIds.ToList();
        if (ancestors.Count == 0 && unit.ParentId.Length > 0)
        {
            // Older Structure answers omit the ancestors on a single unit: walk up the parents instead.
            var parent = await FindAsync(unit.ParentId, cancellationToken);
            if (parent is not null) ancestors = [.. parent.AncestorIds, parent.Id];
        }
        var info = ToInfo(unit, ancestors);
        cache.Set(("unit", id), info, Lifetime);
        return info;
    }

    /// <summary>Units of one kind in a subtree (or everywhere) that were open at some time in [from, to].</summary>
    public async Task<IReadOnlyList<UnitInfo>> ListAsync(string? rootId, string kind, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var key = ("units", rootId ?? "", kind, from, to);
        if (cache.TryGetValue(key, out IReadOnlyList<UnitInfo>? cached) && cached is not null) return cached;

        var units = new List<UnitInfo>();
        var request = new ListOrganisationUnitsRequest
        {
            RootId = rootId ?? "",
            Kind = KindOf(kind),
            ActiveFrom = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ActiveTo = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PageSize = 500,
        };
        do
        {
            var page = await structure.ListOrganisationUnitsAsync(request, cancellationToken: cancellationToken);
            units.AddRange(page.Units.Select(u => ToInfo(u, u.AncestorIds.ToList())));
            request.PageToken = page.NextPageToken;
        } while (request.PageToken.Length > 0);

        // Filter again here: the period and kind decide who is expected to report, so they are not left to trust.
        IReadOnlyList<UnitInfo> result = units.Where(u => u.Kind == kind && u.IsOpenDuring(from, to)).DistinctBy(u => u.Id).ToList();
        cache.Set(key, result, Lifetime);
        return result;
    }

    public static OrganisationUnitKind KindOf(string kind) =>
        Enum.TryParse<OrganisationUnitKind>(kind, ignoreCase: true, out var parsed) ? parsed : OrganisationUnitKind.Unspecified;

    public static string NameOf(OrganisationUnitKind kind) => kind.ToString().ToLowerInvariant();

    private static UnitInfo ToInfo(OrganisationUnit u, IReadOnlyList<string> ancestors) => new(
        u.Id, NameOf(u.Kind), u.ParentId, u.InstitutionId.Length > 0 ? u.InstitutionId : ancestors.FirstOrDefault() ?? u.Id, ancestors,
        DateOnly.TryParseExact(u.OpenedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opened) ? opened : null,
        DateOnly.TryParseExact(u.ClosedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closed) ? closed : null);
}
