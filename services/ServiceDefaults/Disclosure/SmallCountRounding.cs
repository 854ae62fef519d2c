using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GenderArchitecture.ServiceDefaults.Disclosure;

/// <summary>
/// Protects one base cell of a publication grid: a count from 1 to the threshold T is published as 0 or T + 1, chosen
/// by a keyed pseudo-random draw with P(T + 1) = count / (T + 1), so sums stay unbiased; 0 and counts above T are
/// published as they are. The draw is a function of the secret key, the cell's identity and its true count only:
/// the same cell with the same count is adjusted the same way in every answer and at every reading, so combining
/// or differencing answers never averages the adjustment away, and a changed count gets a fresh draw. A published
/// 0 stands for a true count in [0, T] and a published T + 1 for one in [1, T + 1]: every small count keeps an
/// interval at least T wide (docs/decisions/0001-disclosure-control.md).
/// </summary>
public sealed class SmallCountRounding
{
    private readonly byte[] _key;

    public SmallCountRounding(byte[] key, int threshold)
    {
        if (key.Length < 32) throw new ArgumentException("The disclosure key must be at least 32 bytes.", nameof(key));
        if (threshold < 2) throw new ArgumentOutOfRangeException(nameof(threshold), "The threshold must be at least 2.");
        _key = key;
        Threshold = threshold;
    }

    /// <summary>Counts from 1 to <see cref="Threshold"/> - 1 are small and must not be learnt.</summary>
    public int Threshold { get; }
    /// <summary>What a rounded-up count is published as.</summary>
    public int RoundingBase => Threshold + 1;
    /// <summary>The largest difference between a base cell's published and true count.</summary>
    public int MaxAdjustment => Threshold;

    /// <param name="cell">The base cell's identity, stable over time (never a reading date or a revision).</param>
    public long Adjust(string cell, long count)
    {
        if (count <= 0 || count > Threshold) return count;
        return Draw(cell, count) * RoundingBase < count ? RoundingBase : 0;
    }

    /// <summary>A uniform number in [0, 1) from HMAC-SHA256(key, cell, count).</summary>
    private double Draw(string cell, long count)
    {
        var message = Encoding.UTF8.GetBytes(cell + "\u001f" + count.ToString(CultureInfo.InvariantCulture));
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, message, mac);
        return (BinaryPrimitives.ReadUInt64BigEndian(mac) >> 11) * (1.0 / (1UL << 53));
    }
}
