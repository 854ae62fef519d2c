using System.Threading.RateLimiting;
using GenderArchitecture.Identity.Accounts;
using GenderArchitecture.Identity.Data;
using GenderArchitecture.Identity.Pages;
using GenderArchitecture.Identity.Tokens;
using GenderArchitecture.ServiceDefaults.Auth;
using GenderArchitecture.ServiceDefaults.Clients;
using GenderArchitecture.Structure.V1;
using GenderArchitecture.ServiceDefaults.Data;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace GenderArchitecture.Identity;

public static class IdentityServices
{
    /// <summary>Accounts (ASP.NET Core Identity), the OpenID Connect server (OpenIddict) and the sign-in pages.</summary>
    public static IHostApplicationBuilder AddIdentityService(this IHostApplicationBuilder builder)
    {
        var developmentLike = AuthKeyMaterial.IsDevelopmentLike(builder.Environment);
        builder.AddServiceDatabase<IdentityDb, IdentitySqliteDb, ClientRegistrations>("Identity");

        builder.Services.AddSingleton(PasswordRules.FromFile(Path.Combine(AppContext.BaseDirectory, "Accounts", "common-passwords.txt")));
        builder.Services.AddIdentity<Account, IdentityRole>(o =>
            {
                // Length only (NIST SP 800-63B): composition rules are switched off, PasswordRules does the rest.
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Identity:Lockout:MaxFailedAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = builder.Configuration.GetValue("Identity:Lockout:Duration", TimeSpan.FromMinutes(15));
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<NistPasswordValidator>();
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ga.identity";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = developmentLike ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/account/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = false;
        });
        builder.Services.AddAntiforgery();
        builder.AddScopeClaimsSource();
        builder.Services.AddSingleton<TokenPrincipals>();
        builder.Services.AddScoped<AccountSessions>();

        builder.AddOpenIdConnectServer(developmentLike);
        builder.Services.AddAccountsApiAuthorization();
        builder.AddSignInThrottling();

        if (builder.Configuration.GetValue("Identity:BehindTlsProxy", false))
        {
            // Behind the TLS-terminating proxy: the original scheme (for redirects) and client address (for throttling).
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            });
        }

        var web = builder.Configuration.GetSection("Identity:WebClient").Get<WebClientOptions>() ?? new WebClientOptions();
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(p => p.WithOrigins(web.Origins).WithMethods("POST").WithHeaders("Content-Type")));
        return builder;
    }

    private static void AddOpenIdConnectServer(this IHostApplicationBuilder builder, bool developmentLike)
    {
        var signingKeys = SigningKeys.Load(builder.Configuration, builder.Environment);
        var encryptionKey = SigningKeys.EncryptionKey(builder.Configuration, builder.Environment);
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetRevocationEndpointUris("connect/revoke");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, .. SuiteScopes.AllServices]);
                o.SetAccessTokenLifetime(TokenPrincipals.AccessTokenLifetime(builder.Configuration));
                o.SetRefreshTokenLifetime(builder.Configuration.GetValue("Identity:RefreshTokenLifetime", TimeSpan.FromHours(8)));
                // Resource servers (gateway, services, or any JWT library) read the token: signed, not encrypted.
                o.DisableAccessTokenEncryption();
                foreach (var key in signingKeys) o.AddSigningKey(key);
                if (encryptionKey is null) o.AddEphemeralEncryptionKey();
                else o.AddEncryptionKey(encryptionKey);
                if (builder.Configuration["Identity:Issuer"] is { Length: > 0 } issuer) o.SetIssuer(new Uri(issuer));

                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                // HTTPS is required unless in Development/Testing or explicitly behind a TLS-terminating proxy.
                if (developmentLike || builder.Configuration.GetValue("Identity:BehindTlsProxy", false))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });
    }

    /// <summary>
    /// With Structure's address configured, scopes follow the register (dated appointments and assignments); the
    /// identity service calls it with its own service token, limited to Structure. Without it, the stored scope.
    /// </summary>
    private static void AddScopeClaimsSource(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        if (string.IsNullOrWhiteSpace(builder.Configuration["Services:Structure:Address"]))
        {
            builder.Services.TryAddSingleton<IScopeClaimsSource, StoredScopeClaims>();
            return;
        }
        var auth = builder.Configuration.GetSection("Auth").Get<SuiteAuthOptions>() ?? new SuiteAuthOptions();
        if (!AuthKeyMaterial.IsDevelopmentLike(builder.Environment) && !(auth.UsesAuthority && auth.ClientId is { Length: > 0 }))
        {
            throw new InvalidOperationException(
                "Services:Structure:Address is set, so the identity service asks the register for scopes with its own client-credentials " +
                "token: set Auth:Authority (its own address), Auth:ClientId, Auth:ClientSecret and Auth:ServiceScopes:0=suite.person-scopes, " +
                "and register that client in Identity:ServiceClients.");
        }
        builder.Services.TryAddSingleton(auth);
        builder.Services.TryAddSingleton<TokenIssuer>();
        builder.AddSuiteGrpcClient<StructureService.StructureServiceClient>("Structure", StructureService.Descriptor, CallIdentity.Service);
        builder.Services.TryAddSingleton<IScopeClaimsSource, RegisterScopeClaims>();
    }

    /// <summary>Password and code guesses per client address, on top of the per-account lockout.</summary>
    private static void AddSignInThrottling(this IHostApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Identity:SignInAttemptsPerMinute", 10);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AccountPages.SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }
}
