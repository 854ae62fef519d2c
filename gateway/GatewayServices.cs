using System.Text.Json;
using System.Text.Json.Serialization;
using GenderArchitecture.Gateway.Auth;
using GenderArchitecture.Gateway.Endpoints;
using GenderArchitecture.Gateway.Errors;
using GenderArchitecture.Gateway.Hosting;
using Microsoft.AspNetCore.Authorization;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Clients;
using Microsoft.AspNetCore.Http.Json;
using ReportingV1 = GenderArchitecture.Reporting.V1;
using StructureV1 = GenderArchitecture.Structure.V1;
using TrainingV1 = GenderArchitecture.Training.V1;

namespace GenderArchitecture.Gateway;

public static class GatewayServices
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddSuiteAuthentication();

        builder.AddSuiteGrpcClient<StructureV1.StructureService.StructureServiceClient>("Structure", StructureV1.StructureService.Descriptor, CallIdentity.ForwardCaller);
        builder.AddSuiteGrpcClient<TrainingV1.TrainingService.TrainingServiceClient>("Training", TrainingV1.TrainingService.Descriptor, CallIdentity.ForwardCaller);
        builder.AddSuiteGrpcClient<ReportingV1.ReportingService.ReportingServiceClient>("Reporting", ReportingV1.ReportingService.Descriptor, CallIdentity.ForwardCaller);
        builder.AddSuiteGrpcClient<ReportingV1.FormsService.FormsServiceClient>("Reporting", ReportingV1.FormsService.Descriptor, CallIdentity.ForwardCaller, clientName: "ReportingForms");

        builder.AddAuditApi();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuditingAuthorizationHandler>();
        builder.Services.AddWriteRateLimiting(builder.Configuration);
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddOpenApi(o => o.AddOperationPolicies().AddIdempotencyKeyHeader());

        // Bad JSON is the client's mistake: refuse unknown members and wrong types with a 400 naming the field.
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // A key given twice is ambiguous (the last one would silently win): refused like any other malformed body.
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new GenderArchitecture.Gateway.Hosting.NoNullItemsConverter());
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        return builder;
    }
}
