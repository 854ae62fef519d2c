namespace GenderArchitecture.TestSupport;

/// <summary>A complete station-monthly report body (every cell of the form), so a draft passes its validation rules and can be submitted.</summary>
public static class StationMonthlyForm
{
    public const string Id = "station-monthly";

    /// <summary>The <c>values</c> of a report: 3 domestic violence cases (all adult women, intimate partners), no trafficking.</summary>
    public static readonly object[] Values =
    [
        new { elementId = "dv-cases-reported", state = "number", number = 3 },
        .. SexAndAge("dv-cases-reported", 3),
        new { elementId = "dv-cases-reported", categoryKey = "relationship=intimate-partner", state = "number", number = 3 },
        new { elementId = "dv-cases-reported", categoryKey = "relationship=other-family", state = "number", number = 0 },
        new { elementId = "dv-cases-reported", categoryKey = "relationship=other", state = "number", number = 0 },
        new { elementId = "dv-cases-referred", state = "number", number = 3 },
        new { elementId = "protection-orders-requested", state = "number", number = 1 },
        new { elementId = "protection-orders-issued", state = "number", number = 1 },
        new { elementId = "thb-cases-identified", state = "number", number = 0 },
        new { elementId = "thb-victims-identified", state = "number", number = 0 },
        .. SexAndAge("thb-victims-identified", 0),
        new { elementId = "thb-victims-referred", state = "not_applicable" },
    ];

    private static object[] SexAndAge(string elementId, int adultWomen) =>
    [
        new { elementId, categoryKey = "sex=female;age=child", state = "number", number = 0 },
        new { elementId, categoryKey = "sex=female;age=adult", state = "number", number = adultWomen },
        new { elementId, categoryKey = "sex=male;age=child", state = "number", number = 0 },
        new { elementId, categoryKey = "sex=male;age=adult", state = "number", number = 0 },
    ];
}
