using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace GenderArchitecture.ServiceDefaults.Auth;

/// <summary>Issuer, audience and key of the suite's tokens (section <c>Auth</c>).</summary>
public sealed class SuiteAuthOptions
{
    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    /// <summary>HMAC-SHA256 key, at least 32 bytes: development and tests only. Ignored when <see cref="Authority"/> is set.</summary>
    public string SigningKey { get; set; } = "";
    /// <summary>An OpenID Connect authority whose published keys (JWKS) sign the tokens: the suite's identity service or an external provider.</summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's metadata must come over HTTPS; defaults to true outside Development and Testing.</summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>This service's client id at the authority, for its own calls to other services (client credentials).</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>The scopes this service asks for, e.g. <c>suite.structure</c>: the services it may call.</summary>
    public string[] ServiceScopes { get; set; } = [];
    /// <summary>Defaults to <c>{Authority}/connect/token</c>.</summary>
    public string? TokenEndpoint { get; set; }

    public bool UsesAuthority => !string.IsNullOrWhiteSpace(Authority);
    public bool HasSigningKey => !string.IsNullOrWhiteSpace(SigningKey);

    public SymmetricSecurityKey GetSigningKey()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
        return new SymmetricSecurityKey(bytes);
    }
}

public static class AuthenticationExtensions
{
    /// <summary>How long past its expiry the gateway and the services still accept a token (clocks drift).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private static readonly string[] AsymmetricAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];

    /// <summary>
    /// JWT bearer authentication with signature, algorithm, issuer, audience and lifetime checked, for the gateway
    /// and each service alike (the services check the forwarded token again: defence in depth). Refuses to start
    /// when the key material is missing or is the published development key outside Development and Testing.
    /// </summary>
    public static IHostApplicationBuilder AddSuiteAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Auth").Get<SuiteAuthOptions>() ?? new SuiteAuthOptions();
        AuthKeyMaterial.EnsureUsable(options, builder.Environment);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenIssuer>();

        // With an authority, its published keys (JWKS) and issuer come from its discovery document. In Development and
        // Testing the development key is accepted beside them, so the quick development sign-in keeps working.
        var developmentKey = options.HasSigningKey && (!options.UsesAuthority || AuthKeyMaterial.IsDevelopmentLike(builder.Environment));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata ?? !AuthKeyMaterial.IsDevelopmentLike(builder.Environment);
                if (options.UsesAuthority) jwt.Authority = options.Authority;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = developmentKey ? options.Issuer : null,
                    ValidAudience = options.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = developmentKey ? options.GetSigningKey() : null,
                    ValidAlgorithms = [.. options.UsesAuthority ? AsymmetricAlgorithms : [], .. developmentKey ? [SecurityAlgorithms.HmacSha256] : Array.Empty<string>()],
                    ClockSkew = ClockSkew,
                    NameClaimType = SuiteClaims.Name,
                    RoleClaimType = SuiteClaims.Role,
                };
                // One rule for multi-valued roles, applied by the one handler the gateway and every service share.
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.Principal is null || !SingleRole.TryRead(context.Principal, out _)) context.Fail(SingleRole.Refusal);
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}

/// <summary>
/// The start-up check on key material. The development key is public (it is in this repository), so a process
/// that accepts it outside Development accepts tokens anyone can forge: better not to start at all.
/// </summary>
public static class AuthKeyMaterial
{
    public const string TestingEnvironment = "Testing";

    /// <summary>
    /// SHA-256 of the development keys that were ever published in this repository's settings. Hashes rather than
    /// the keys themselves, so production binaries do not carry a usable key.
    /// </summary>
    private static readonly string[] PublishedDevelopmentKeyHashes =
    [
        "c58f3ebad727bb1f170e94e58b11a7f2d4f64a0663cc867ff266b94c87e1a0d8",
    ];

    public static bool IsDevelopmentLike(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment);

    public static bool IsPublishedDevelopmentKey(string? key) =>
        !string.IsNullOrEmpty(key) &&
        PublishedDevelopmentKeyHashes.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));

    /// <summary>Throws, naming the settings to provide, unless the options carry key material fit for the environment.</summary>
    public static void EnsureUsable(SuiteAuthOptions options, IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(options.Audience)) throw new InvalidOperationException("Auth:Audience must be configured.");
        if (!options.UsesAuthority && string.IsNullOrWhiteSpace(options.Issuer))
        {
            throw new InvalidOperationException("Auth:Issuer must be configured when tokens are checked with Auth:SigningKey.");
        }
        if (IsDevelopmentLike(environment))
        {
            if (!options.UsesAuthority) options.GetSigningKey();
            return;
        }

        const string provide =
            "Set Auth:Authority (environment variable Auth__Authority) to the OpenID Connect issuer whose published keys sign the " +
            "tokens: the suite's identity service or an external provider.";
        if (IsPublishedDevelopmentKey(options.SigningKey))
        {
            throw new InvalidOperationException(
                $"Auth:SigningKey is the published development key, which anyone can use to forge tokens; it is refused in the " +
                $"'{environment.EnvironmentName}' environment. Remove it. {provide}");
        }
        if (options.UsesAuthority) return;
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            throw new InvalidOperationException(
                $"No token key material in the '{environment.EnvironmentName}' environment: Auth:Authority is not set. {provide} " +
                "(Auth:SigningKey, a shared HS256 secret of at least 32 bytes, is accepted as a stop-gap.)");
        }
        options.GetSigningKey();
    }
}
