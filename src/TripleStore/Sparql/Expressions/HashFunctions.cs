using System.Security.Cryptography;
using System.Text;
using TripleStore.Rdf;

namespace TripleStore.Sparql.Expressions;

/// <summary>The hash functions (SPARQL 1.1 section 17.4.6): lower-case hex of the hash of the UTF-8 bytes.</summary>
internal static class HashFunctions
{
    public static Term Md5(ReadOnlySpan<Term> args, FunctionContext context) => Hash(args[0], MD5.HashData);
    public static Term Sha1(ReadOnlySpan<Term> args, FunctionContext context) => Hash(args[0], SHA1.HashData);
    public static Term Sha256(ReadOnlySpan<Term> args, FunctionContext context) => Hash(args[0], SHA256.HashData);
    public static Term Sha384(ReadOnlySpan<Term> args, FunctionContext context) => Hash(args[0], SHA384.HashData);
    public static Term Sha512(ReadOnlySpan<Term> args, FunctionContext context) => Hash(args[0], SHA512.HashData);

    private static Term Hash(Term argument, Func<byte[], byte[]> hash)
    {
        var text = LiteralValues.RequireSimpleString(argument);
        return Literal.Simple(Convert.ToHexStringLower(hash(Encoding.UTF8.GetBytes(text))));
    }
}
