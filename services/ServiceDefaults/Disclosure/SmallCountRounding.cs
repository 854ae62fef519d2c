using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GenderArchitecture.ServiceDefaults.Disclosure;

/// <summary>
/// Protects one base cell of a publication grid by keyed random rounding to a multiple of the rounding base B = T + 1:
/// a count c is published as B * floor(c / B) or the next multiple up, chosen by a keyed pseudo-random draw with
/// P(up) = (c mod B) / B, so sums stay unbiased. A count from 1 to the threshold T becomes 0 or T + 1. The draw is a
/// function of the secret key, the cell's identity and its true count only: the same cell with the same count is
/// adjusted the same way in every answer and at every reading, so combining or differencing answers never averages
/// the adjustment away, and a changed count gets a fresh draw. Every count is rounded, large ones too: were counts
/// above T published as they are, reading a region's figure before and after one more station's report is approved
/// would give that station's count exactly (the intruder test found it). A published v stands for a true count in
/// [v - T, v + T] (and [0, T] for 0): every small count keeps an interval at least T wide, and so does the difference
/// of two readings (docs/decisions/0001-disclosure-control.md).
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
        if (count <= 0) return count;
        var below = count / RoundingBase * RoundingBase;
        var rest = count - below;
        if (rest == 0) return count;
        return Draw(cell, count) * RoundingBase < rest ? below + RoundingBase : below;
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
