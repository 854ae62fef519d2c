using System.Security.Cryptography;
using GenderArchitecture.ServiceDefaults.Auth;
using Microsoft.IdentityModel.Tokens;

namespace GenderArchitecture.Identity.Tokens;

/// <summary>
/// The identity service's asymmetric signing keys (<c>Identity:SigningKeys</c>: PEM text or PEM file paths, EC P-256
/// or RSA). The first signs new tokens; all are published in the JWKS, so tokens signed with a previous key stay
/// valid during a rotation's overlap. Removing a key retires it. See docs/decisions/0002-identity.md, "Key rotation".
/// </summary>
public static class SigningKeys
{
    public static IReadOnlyList<SecurityKey> Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var entries = configuration.GetSection("Identity:SigningKeys").Get<string[]>()?.Where(e => !string.IsNullOrWhiteSpace(e)).ToArray() ?? [];
        if (entries.Length > 0) return entries.Select(e => FromPem(ReadPem(e, environment))).ToArray();

        if (!AuthKeyMaterial.IsDevelopmentLike(environment))
        {
            throw new InvalidOperationException(
                $"No signing key in the '{environment.EnvironmentName}' environment: set Identity:SigningKeys:0 (environment variable " +
                "Identity__SigningKeys__0) to the path of a PEM private key, e.g. `openssl ecparam -name prime256v1 -genkey -noout " +
                "| openssl pkcs8 -topk8 -nocrypt -out identity-signing.pem`.");
        }
        // Development: one key kept beside the database, so tokens survive a restart. Never used elsewhere.
        var file = Path.Combine(environment.ContentRootPath, configuration["Identity:DevelopmentKeyFile"] ?? "App_Data/identity-development-signing.pem");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            File.WriteAllText(file, created.ExportPkcs8PrivateKeyPem());
        }
        return [FromPem(File.ReadAllText(file))];
    }

    /// <summary>Key for codes and refresh tokens (<c>Identity:EncryptionKey</c>, base64 of 32 bytes); ephemeral in Development.</summary>
    public static SymmetricSecurityKey? EncryptionKey(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration["Identity:EncryptionKey"];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (AuthKeyMaterial.IsDevelopmentLike(environment)) return null;
            throw new InvalidOperationException(
                $"No encryption key in the '{environment.EnvironmentName}' environment: set Identity:EncryptionKey (environment variable " +
                "Identity__EncryptionKey) to 32 random bytes in base64, e.g. `openssl rand -base64 32`.");
        }
        var bytes = Convert.FromBase64String(value);
        if (bytes.Length != 32) throw new InvalidOperationException("Identity:EncryptionKey must be 32 bytes in base64.");
        return new SymmetricSecurityKey(bytes);
    }

    public static SecurityKey FromPem(string pem)
    {
        SecurityKey key;
        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            key = new ECDsaSecurityKey(ec);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            key = new RsaSecurityKey(rsa);
        }
        // A stable key id derived from the public key: the same key gets the same kid in every process and restart.
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    private static string ReadPem(string entry, IHostEnvironment environment) =>
        entry.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)
            ? entry
            : File.ReadAllText(Path.IsPathRooted(entry) ? entry : Path.Combine(environment.ContentRootPath, entry));
}
