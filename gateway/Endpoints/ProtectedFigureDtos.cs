using GenderArchitecture.Disclosure.V1;

namespace GenderArchitecture.Gateway.Endpoints;

/// <summary>
/// The JSON of a published count, the same in every area: <c>{ "value": n | null, "protection": "exact" | "adjusted" |
/// "protected" | "no_data" }</c>. A protected or missing count has no value, never a 0 that stands for "hidden".
/// </summary>
public static class ProtectedFigureDtos
{
    public sealed record FigureDto(long? Value, string Protection);

    public sealed record ProtectionMethodDto(string Method, int Threshold, int RoundingBase, int MaxAdjustment, string BaseCellGrain, string Explanation);

    public static FigureDto ToFigure(long? value, Protection protection) =>
        new(protection is Protection.Exact or Protection.Adjusted ? value : null, ReportingDtos.Name(protection));

    public static ProtectionMethodDto? ToDto(ProtectionMethod? m) => m is null ? null
        : new(m.Method, m.Threshold, m.RoundingBase, m.MaxAdjustment, m.BaseCellGrain, m.Explanation);
}
