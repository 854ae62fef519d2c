using GenderArchitecture.ServiceDefaults.Errors;

namespace GenderArchitecture.Gateway.Hosting;

/// <summary>
/// Every date in a query string or a path is checked here once, for every endpoint, before any service is called:
/// inside the suite's calendar (<see cref="SuiteDates"/>), and a from/to (or start/end) pair neither inverted nor
/// absurdly long. A bad date answers 400 naming the parameter; it never reaches date arithmetic that would overflow.
/// A parameter is a date by its name, so a new endpoint that follows the naming is covered without a line of its own.
/// </summary>
public static class DateParameters
{
    private static readonly string[] DateNames = ["from", "to", "on", "day", "date"];
    private static readonly string[] DateSuffixes = ["On", "Date", "From", "To", "Start", "End"];
    private static readonly (string From, string To)[] PairSuffixes = [("From", "To"), ("Start", "End")];

    public static bool IsDateName(string name) =>
        DateNames.Contains(name, StringComparer.OrdinalIgnoreCase) || DateSuffixes.Any(s => name.Length > s.Length && name.EndsWith(s, StringComparison.Ordinal));

    public static IApplicationBuilder UseDateParameterChecks(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (Problems(http.Request) is { Count: > 0 } errors)
        {
            await Results.ValidationProblem(errors, title: "A date in the request is invalid.").ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    public static Dictionary<string, string[]> Problems(HttpRequest request)
    {
        var values = new List<(string Name, string Value)>();
        foreach (var (name, given) in request.Query)
        {
            if (!IsDateName(name)) continue;
            values.AddRange(given.Where(v => !string.IsNullOrEmpty(v)).Select(v => (name, v!)));
        }
        foreach (var (name, given) in request.RouteValues)
        {
            if (IsDateName(name) && given is string { Length: > 0 } v) values.Add((name, v));
        }

        var errors = new Dictionary<string, string[]>();
        var dates = new Dictionary<string, DateOnly>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            if (SuiteDates.TryParseDateOrTime(value, out var date, out var problem)) dates[name] = date;
            else errors[name] = [problem!];
        }
        foreach (var (name, from) in dates)
        {
            if (Partner(name) is not { } toName || !dates.TryGetValue(toName, out var to) || errors.ContainsKey(toName)) continue;
            if (SuiteDates.RangeProblem(from, to, name) is { } problem) errors[toName] = [problem];
        }
        return errors;
    }

    /// <summary>The name closing a range that <paramref name="name"/> opens (from → to, periodFrom → periodTo, termStart → termEnd).</summary>
    private static string? Partner(string name)
    {
        if (name.Equals("from", StringComparison.OrdinalIgnoreCase)) return "to";
        foreach (var (from, to) in PairSuffixes)
        {
            if (name.Length > from.Length && name.EndsWith(from, StringComparison.Ordinal)) return name[..^from.Length] + to;
        }
        return null;
    }
}
