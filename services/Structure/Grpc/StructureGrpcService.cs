using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Structure.Data;
using GenderArchitecture.Structure.V1;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Domain = GenderArchitecture.Structure.Domain;

namespace GenderArchitecture.Structure.Grpc;

/// <summary>
/// The Structure service, one partial file per area (units, personnel, focal points, bodies, action plans, figures).
/// Reads need an authenticated caller (the list of institutions is public); every write needs an administrator.
/// A refused request writes nothing: everything is checked before the single SaveChanges.
/// </summary>
public sealed partial class StructureGrpcService(StructureDbContext db, OrganisationTreeCache treeCache, DisclosureControl disclosure, TimeProvider time)
    : StructureService.StructureServiceBase
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The organisation tree, holding the units named by <paramref name="unitIds"/> (the ids the call looks up; empty ones
    /// are ignored) whenever the database does: one created on another replica a moment ago is loaded, not missed.
    /// </summary>
    private Task<Domain.OrganisationTree> TreeAsync(ServerCallContext context, params string[] unitIds) =>
        TreeAsync(context, tree => unitIds.All(id => id.Length == 0 || tree.Find(id) is not null));

    private Task<Domain.OrganisationTree> TreeAsync(ServerCallContext context, Func<Domain.OrganisationTree, bool> holds) =>
        treeCache.GetAsync(db, holds, context.CancellationToken);

    /// <summary>The tree compared with the database now: for writes that decide on it (a unit's children, a move, a rank's order).</summary>
    private Task<Domain.OrganisationTree> CheckedTreeAsync(ServerCallContext context) => TreeAsync(context, _ => false);

    private static Caller Administrator(ServerCallContext context) => context.RequireOperation(Operations.StructureAdminister);

    private static Caller Reader(ServerCallContext context) => context.RequireOperation(Operations.StructureRead);

    private static Domain.OrganisationUnit RequireUnit(Domain.OrganisationTree tree, string id) =>
        tree.Find(id) ?? throw RpcErrors.NotFound("organisation_unit", id);

    private static long RequireVersion(Validator validator, long expectedVersion)
    {
        validator.Require(expectedVersion > 0, "expected_version", "is required: the version of the record as last read");
        return expectedVersion;
    }

    /// <summary>
    /// Saves a new record whose existence was checked just before; if another request created the same key in between,
    /// the unique key refuses the insert and the caller hears AlreadyExists, as if it had come second in the check.
    /// </summary>
    private async Task SaveNewAsync(string resourceType, string resourceName, ServerCallContext context)
    {
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            throw RpcErrors.AlreadyExists(resourceType, resourceName);
        }
    }

    private static Guid ParseId(Validator validator, string value, string field) => validator.RequiredGuid(value, field);

    /// <summary>An unknown or malformed id is simply not found (ids are opaque to callers).</summary>
    private static Guid ParseIdOrNotFound(string value, string resourceType) =>
        Guid.TryParse(value, out var id) ? id : throw RpcErrors.NotFound(resourceType, value);

    private static void RequireEnum<TEnum>(Validator validator, TEnum value, string field) where TEnum : struct, Enum
    {
        if (Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0 || !Enum.IsDefined(value))
        {
            validator.Add(field, "is required");
        }
    }

    private static void RequireOrder(Validator validator, DateOnly? start, DateOnly? end, string endField, string startField)
    {
        if (start is { } s && end is { } e && e <= s) validator.Add(endField, $"must be after {startField}");
    }
}
