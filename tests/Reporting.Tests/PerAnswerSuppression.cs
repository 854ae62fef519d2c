namespace GenderArchitecture.Reporting.Tests;

/// <summary>Cells whose members add up to a published total: a row of categories, or a column of units.</summary>
public sealed record SuppressionGroup(IReadOnlyList<string> Members, string Total);

/// <summary>
/// The per-answer suppression Reporting used before protected base cells (kept here as the baseline the decision
/// record's information-loss figures compare against; docs/decisions/0001-disclosure-control.md). Counts 1..k-1 are hidden (primary
/// suppression); then, wherever a group has exactly one hidden cell - which its total and the other cells would
/// reveal - the smallest visible cell of the group is hidden too (complementary suppression), until no group gives
/// a hidden cell away. Zeros are not sensitive and are hidden only as complements when nothing else is left.
/// </summary>
public static class PerAnswerSuppression
{
    public const int DefaultThreshold = 5;

    public static HashSet<string> Apply(IReadOnlyDictionary<string, long> cells, IReadOnlyList<SuppressionGroup> groups, int threshold)
    {
        var hidden = cells.Where(c => c.Value >= 1 && c.Value < threshold).Select(c => c.Key).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var group in groups)
            {
                var hiddenCount = group.Members.Count(hidden.Contains) + (hidden.Contains(group.Total) ? 1 : 0);
                if (hiddenCount != 1) continue;
                var complement = group.Members.Where(m => !hidden.Contains(m))
                    .OrderBy(m => cells.GetValueOrDefault(m) > 0 ? 0 : 1)
                    .ThenBy(m => cells.GetValueOrDefault(m))
                    .ThenBy(m => m, StringComparer.Ordinal)
                    .FirstOrDefault() ?? (hidden.Contains(group.Total) ? null : group.Total);
                if (complement is null) continue;
                hidden.Add(complement);
                changed = true;
            }
        } while (changed);
        return hidden;
    }
}
