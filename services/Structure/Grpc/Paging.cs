using System.Text;
using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Structure.Grpc;

/// <summary>
/// Keyset pagination: the page token is the (opaque, base64) key of the last item of the previous page, so pages
/// stay correct while rows are added.
/// </summary>
internal static class Paging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static int Size(this Validator validator, int pageSize)
    {
        validator.Require(pageSize >= 0, "page_size", "must not be negative");
        return pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
    }

    public static string? After(this Validator validator, string? pageToken)
    {
        if (string.IsNullOrEmpty(pageToken)) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(pageToken));
        }
        catch (FormatException)
        {
            validator.Add("page_token", "is not a token this service issued");
            return null;
        }
    }

    /// <summary>For short lists ordered by a composite key: the token is the number of items already returned.</summary>
    public static int Offset(this Validator validator, string? pageToken)
    {
        var after = validator.After(pageToken);
        if (after is null) return 0;
        if (after.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(after.AsSpan(2), out var offset) && offset >= 0) return offset;
        validator.Add("page_token", "is not a token this service issued");
        return 0;
    }

    /// <summary>The next-page token after an offset page fetched with one extra item.</summary>
    public static string NextOffset(int offset, int size, int fetched) => fetched > size ? Token($"o:{offset + size}") : "";

    public static string Token(string lastKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey));

    /// <summary>The first <paramref name="size"/> items and the token for the next page (empty on the last page).</summary>
    public static (List<T> Page, string NextToken) Cut<T>(IReadOnlyList<T> fetched, int size, Func<T, string> key) =>
        fetched.Count > size ? (fetched.Take(size).ToList(), Token(key(fetched[size - 1]))) : (fetched.ToList(), "");
}
