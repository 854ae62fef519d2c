using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GenderArchitecture.Identity.Data;

/// <summary>The web pages' public client (section <c>Identity:WebClient</c>).</summary>
public sealed class WebClientOptions
{
    public string ClientId { get; set; } = "genderarchitecture-web";
    public string[] RedirectUris { get; set; } = [];
    public string[] PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Origins of the redirect URIs: the pages call the token endpoint from there (CORS).</summary>
    public string[] Origins => RedirectUris.Select(u => new Uri(u).GetLeftPart(UriPartial.Authority)).Distinct().ToArray();
}

/// <summary>A service calling another on its own behalf (section <c>Identity:ServiceClients:{clientId}</c>).</summary>
public sealed class ServiceClientOptions
{
    public string Secret { get; set; } = "";
    /// <summary>The services it may call, e.g. <c>structure</c>: its tokens carry these scopes and nothing else.</summary>
    public string[] Scopes { get; set; } = [];
}

/// <summary>Registers the configured OpenID Connect clients at start-up; idempotent, configuration wins.</summary>
public sealed class ClientRegistrations(IOpenIddictApplicationManager applications, IConfiguration configuration)
    : IDatabaseSeeder<IdentityDb>
{
    public async Task SeedAsync(IdentityDb db, CancellationToken cancellationToken)
    {
        var web = configuration.GetSection("Identity:WebClient").Get<WebClientOptions>() ?? new WebClientOptions();
        if (web.RedirectUris.Length > 0)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = web.ClientId,
                ClientType = ClientTypes.Public,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "GenderArchitecture web pages",
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                    Permissions.Endpoints.Revocation,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Profile, Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in web.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri));
            foreach (var uri in web.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
            await UpsertAsync(descriptor, cancellationToken);
        }

        foreach (var section in configuration.GetSection("Identity:ServiceClients").GetChildren())
        {
            var options = section.Get<ServiceClientOptions>() ?? new ServiceClientOptions();
            if (string.IsNullOrWhiteSpace(options.Secret))
            {
                throw new InvalidOperationException($"Identity:ServiceClients:{section.Key}:Secret is not set.");
            }
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = section.Key,
                ClientSecret = options.Secret,
                ClientType = ClientTypes.Confidential,
                DisplayName = section.Key,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            };
            foreach (var scope in options.Scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + SuiteScopes.ForService(scope));
            await UpsertAsync(descriptor, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task UpsertAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null) await applications.CreateAsync(descriptor, cancellationToken);
        else await applications.UpdateAsync(existing, descriptor, cancellationToken);
    }
}
