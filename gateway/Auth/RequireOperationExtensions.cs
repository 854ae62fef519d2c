using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GenderArchitecture.Gateway.Auth;

/// <summary>The operation of <see cref="SuitePolicies"/> that guards an endpoint (read by the OpenAPI document and the tests).</summary>
public sealed record OperationMetadata(string Operation);

public static class RequireOperationExtensions
{
    /// <summary>OpenAPI extension naming each endpoint's operation, so a client (and the authorisation matrix) can see the rule.</summary>
    public const string OpenApiExtension = "x-suite-operation";

    /// <summary>
    /// Guards the endpoints with the policy table's row for <paramref name="operation"/>: its roles (a token with exactly
    /// one role claim, see <see cref="SingleRole"/>), or none for an anonymous operation. The services check the same row.
    /// </summary>
    public static TBuilder RequireOperation<TBuilder>(this TBuilder builder, string operation) where TBuilder : IEndpointConventionBuilder
    {
        var policy = SuitePolicies.For(operation);
        builder.WithMetadata(new OperationMetadata(operation));
        return policy.Anonymous
            ? builder.AllowAnonymous()
            : builder.RequireAuthorization(p => p.RequireAuthenticatedUser()
                .RequireAssertion(context => Caller.FromPrincipal(context.User) is { } caller && policy.Allows(caller)));
    }

    public static OpenApiOptions AddOperationPolicies(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OperationMetadata>().LastOrDefault() is { } metadata)
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[OpenApiExtension] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(metadata.Operation));
            }
            return Task.CompletedTask;
        });
}
