using System.Globalization;

namespace GenderArchitecture.Training.Domain;

/// <summary>One row of a historic-completions CSV, as read, before it is checked against curricula and people.</summary>
public sealed record CompletionRow(int Line, string ServiceNumber, string CurriculumCode, string CompletionDate, string Result);

/// <summary>
/// Reads <c>service_number,curriculum,completion_date,result</c> (header required, columns in any order, double quotes
/// allowed). Shape problems are row errors, never exceptions, so one bad row does not hide the others.
/// </summary>
public static class CompletionCsv
{
    public static readonly string[] Columns = ["service_number", "curriculum", "completion_date", "result"];

    public static (List<CompletionRow> Rows, List<(int Line, string Reason)> Errors, string? HeaderError) Parse(string csv)
    {
        var rows = new List<CompletionRow>();
        var errors = new List<(int, string)>();
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0])) return (rows, errors, "the CSV is empty; the first line must be the header " + string.Join(",", Columns));

        var header = Split(lines[0]).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var missing = Columns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0) return (rows, errors, $"the header lacks {string.Join(", ", missing)}; expected {string.Join(",", Columns)}");
        var index = Columns.ToDictionary(c => c, c => header.IndexOf(c));

        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = Split(lines[i]);
            if (fields.Count != header.Count)
            {
                errors.Add((i + 1, $"has {fields.Count} fields; the header has {header.Count}"));
                continue;
            }
            rows.Add(new CompletionRow(i + 1, fields[index["service_number"]].Trim(), fields[index["curriculum"]].Trim(),
                fields[index["completion_date"]].Trim(), fields[index["result"]].Trim()));
        }
        return (rows, errors, null);
    }

    /// <summary>Whether a result is a pass of <paramref name="passMark"/>: "pass", "passed", "completed" or a score.</summary>
    public static (bool Passed, string? Error) ReadResult(string result, int passMark)
    {
        switch (result.ToLowerInvariant())
        {
            case "pass" or "passed" or "completed":
                return (true, null);
            case "fail" or "failed":
                return (false, "the result is a fail; only completions are imported");
        }
        if (double.TryParse(result, NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
        {
            if (score is < 0 or > 100) return (false, $"the score {result} is outside 0-100");
            return score >= passMark ? (true, null) : (false, $"the score {result} is below the pass mark of {passMark}");
        }
        return (false, $"the result '{result}' is neither pass/fail nor a score");
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
