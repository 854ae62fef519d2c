using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Structure;

/// <summary>A record edited under optimistic concurrency: every change bumps <see cref="Version"/>.</summary>
public interface IVersioned
{
    long Version { get; }
}

public static class Versioning
{
    /// <summary>Refuses a change made against a version that is no longer current, returning the current one.</summary>
    public static T CheckVersion<T>(this T record, long expectedVersion, string resourceType, string resourceName) where T : IVersioned
    {
        if (record.Version != expectedVersion) throw RpcErrors.Aborted(resourceType, resourceName, record.Version);
        return record;
    }
}

/// <summary>Half-open date intervals [start, end): an end date is the first day something no longer holds.</summary>
public static class Periods
{
    public static bool Overlap(DateOnly start1, DateOnly? end1, DateOnly start2, DateOnly? end2) =>
        (end2 is null || start1 < end2) && (end1 is null || start2 < end1);

    public static bool Contains(DateOnly start, DateOnly? end, DateOnly day) => start <= day && (end is null || end > day);
}
