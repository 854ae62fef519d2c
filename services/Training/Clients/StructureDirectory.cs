using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.Training.Domain;
using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;

namespace GenderArchitecture.Training.Clients;

/// <summary>
/// What Training asks of the Structure service: officers by service number, the personnel of a subtree at a date,
/// one unit. Answers are cached for a short while (people and units change rarely, compliance pages are read often).
/// When Structure cannot be reached the call fails with Unavailable, before the caller has written anything.
/// </summary>
public sealed class StructureDirectory(StructureService.StructureServiceClient client, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    /// <summary>Officers of <paramref name="institutionId"/> by service number; unknown numbers are absent.</summary>
    public async Task<IReadOnlyDictionary<string, Officer>> ResolveOfficersAsync(string institutionId, IEnumerable<string> serviceNumbers,
        DateOnly? onDate, CancellationToken ct)
    {
        var found = new Dictionary<string, Officer>(StringComparer.Ordinal);
        var missing = new List<string>();
        var day = onDate?.ToString("yyyy-MM-dd") ?? "";
        foreach (var number in serviceNumbers.Distinct())
        {
            if (cache.TryGetValue(("officer", institutionId, number, day), out Officer? officer) && officer is not null) found[number] = officer;
            else missing.Add(number);
        }
        foreach (var chunk in missing.Chunk(500))
        {
            var request = new ResolveOfficersRequest { InstitutionId = institutionId, OnDate = day };
            request.ServiceNumbers.AddRange(chunk);
            var response = await Call(() => client.ResolveOfficersAsync(request, cancellationToken: ct).ResponseAsync);
            foreach (var person in response.Officers)
            {
                var officer = ToOfficer(person);
                cache.Set(("officer", institutionId, person.ServiceNumber, day), officer, CacheFor);
                found[person.ServiceNumber] = officer;
            }
        }
        return found;
    }

    public async Task<Officer?> FindOfficerAsync(string institutionId, string serviceNumber, DateOnly? onDate, CancellationToken ct) =>
        (await ResolveOfficersAsync(institutionId, [serviceNumber], onDate, ct)).GetValueOrDefault(serviceNumber);

    /// <summary>Everyone in service at <paramref name="onDate"/> in the subtree of <paramref name="rootUnitId"/>.</summary>
    public Task<IReadOnlyList<Officer>> ListPersonnelAsync(string rootUnitId, DateOnly onDate, CancellationToken ct) =>
        cache.GetOrCreateAsync(("personnel", rootUnitId, onDate), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var all = new List<Officer>();
            var token = "";
            do
            {
                var request = new ListPersonnelRequest { RootUnitId = rootUnitId, ActiveOn = onDate.ToString("yyyy-MM-dd"), PageSize = 1000, PageToken = token };
                var page = await Call(() => client.ListPersonnelAsync(request, cancellationToken: ct).ResponseAsync);
                all.AddRange(page.Personnel.Select(ToOfficer));
                token = page.NextPageToken;
            } while (token.Length > 0);
            return (IReadOnlyList<Officer>)all;
        })!;

    public Task<OrganisationUnit> GetUnitAsync(string unitId, CancellationToken ct) =>
        cache.GetOrCreateAsync(("unit", unitId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var response = await Call(() => client.GetOrganisationUnitAsync(new GetOrganisationUnitRequest { Id = unitId }, cancellationToken: ct).ResponseAsync);
            return response.Unit;
        })!;

    /// <summary>Every unit of an institution, open or closed, by id (with its ancestors).</summary>
    public Task<IReadOnlyDictionary<string, OrganisationUnit>> ListUnitsAsync(string institutionId, CancellationToken ct) =>
        cache.GetOrCreateAsync(("units", institutionId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var all = new Dictionary<string, OrganisationUnit>(StringComparer.Ordinal);
            var token = "";
            do
            {
                var request = new ListOrganisationUnitsRequest { InstitutionId = institutionId, PageSize = 1000, PageToken = token };
                var page = await Call(() => client.ListOrganisationUnitsAsync(request, cancellationToken: ct).ResponseAsync);
                foreach (var unit in page.Units) all[unit.Id] = unit;
                token = page.NextPageToken;
            } while (token.Length > 0);
            return (IReadOnlyDictionary<string, OrganisationUnit>)all;
        })!;

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            throw RpcErrors.Unavailable("Structure",
                $"The Structure service could not be reached to check people and units ({e.StatusCode}); nothing was written. Try again shortly.");
        }
    }

    private static Officer ToOfficer(Person p) => new(p.Id, p.InstitutionId, p.ServiceNumber, p.GivenName, p.FamilyName,
        p.Sex switch { Sex.Female => "female", Sex.Male => "male", _ => "unspecified" },
        p.RankCode,
        p.RankBand switch { RankBand.Junior => "junior", RankBand.Middle => "middle", RankBand.Senior => "senior", _ => "unspecified" },
        p.UnitId,
        DateOnly.TryParseExact(p.ServiceStart, "yyyy-MM-dd", out var start) ? start : null,
        DateOnly.TryParseExact(p.ServiceEnd, "yyyy-MM-dd", out var end) ? end : null);
}
