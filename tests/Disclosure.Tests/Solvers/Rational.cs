using System.Numerics;

namespace GenderArchitecture.Disclosure.Tests.Solvers;

/// <summary>An exact fraction, always reduced, denominator positive.</summary>
public readonly record struct Rational
{
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException();
        if (denominator.Sign < 0) (numerator, denominator) = (-numerator, -denominator);
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) (numerator, denominator) = (numerator / g, denominator / g);
        Numerator = numerator;
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }
    public bool IsInteger => Denominator.IsOne;

    public static Rational FromDecimal(decimal value)
    {
        var den = BigInteger.One;
        while (value != decimal.Truncate(value)) { value *= 10; den *= 10; }
        return new Rational(new BigInteger(value), den);
    }

    public static implicit operator Rational(long value) => new(value, BigInteger.One);
    public static Rational operator +(Rational a, Rational b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator -(Rational a, Rational b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    public double ToDouble() => (double)Numerator / (double)Denominator;
    public override string ToString() => IsInteger ? Numerator.ToString() : $"{Numerator}/{Denominator}";
}
