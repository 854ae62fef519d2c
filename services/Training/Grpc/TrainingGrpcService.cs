using GenderArchitecture.ServiceDefaults.Disclosure;
using GenderArchitecture.ServiceDefaults.Errors;
using GenderArchitecture.Training.Clients;
using GenderArchitecture.Training.Data;
using GenderArchitecture.Training.V1;

namespace GenderArchitecture.Training.Grpc;

/// <summary>
/// The TrainingService gRPC API, one partial file per area (curricula, sessions, certificates, import, compliance).
/// Each method reads the request, checks it whole, calls the domain and maps the answer by hand.
/// </summary>
public sealed partial class TrainingGrpcService(TrainingDbContext db, StructureDirectory structure, DisclosureControl disclosure, TimeProvider time,
    ILogger<TrainingGrpcService> logger) : TrainingService.TrainingServiceBase
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    private DateTime Now => time.GetUtcNow().UtcDateTime;
}

/// <summary>Offset pagination: the page token is the number of items already returned.</summary>
internal readonly record struct Page(int Skip, int Take)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static Page Read(Validator validator, int pageSize, string pageToken)
    {
        if (pageSize < 0 || pageSize > MaxSize) validator.Add("page_size", $"must be between 0 and {MaxSize}");
        var skip = 0;
        if (pageToken.Length > 0 && (!int.TryParse(pageToken, out skip) || skip < 0))
        {
            validator.Add("page_token", "is not a token this service issued");
            skip = 0;
        }
        return new Page(skip, pageSize == 0 ? DefaultSize : Math.Min(pageSize, MaxSize));
    }

    /// <summary>The next token, given one more item than the page was asked for.</summary>
    public string Next(int fetched) => fetched > Take ? (Skip + Take).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
}
