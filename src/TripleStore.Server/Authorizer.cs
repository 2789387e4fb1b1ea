using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace TripleStore.Server;

/// <summary>Decides whether a request may write: a read-only server refuses all; otherwise an API key or Basic credentials must match.</summary>
internal sealed class Authorizer(SparqlServerOptions options)
{
    public void RequireWrite(HttpListenerRequest request, RdfStore store)
    {
        if (options.ReadOnly)
            throw new HttpError(403, "This server is read-only: updates and Graph Store writes are refused.");
        if (store.IsReadOnly)
            throw new HttpError(403, "The store was opened read-only: updates and Graph Store writes are refused.");
        if (!options.HasCredentials)
            throw new HttpError(403, "Writes are disabled: the server was started without an API key or credentials.");
        if (IsAuthorized(request)) return;
        var challenge = !string.IsNullOrEmpty(options.UserName) ? "Basic realm=\"TripleStore\", charset=\"UTF-8\"" : "Bearer realm=\"TripleStore\"";
        throw new HttpError(401, "Writes need credentials: send the API key as 'X-API-Key' (or 'Authorization: Bearer'), or HTTP Basic credentials.")
            .With("WWW-Authenticate", challenge);
    }

    private bool IsAuthorized(HttpListenerRequest request)
    {
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            if (request.Headers["X-API-Key"] is { } key && SameSecret(key, options.ApiKey)) return true;
            if (request.Headers["Authorization"] is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && SameSecret(auth[7..].Trim(), options.ApiKey)) return true;
        }
        if (!string.IsNullOrEmpty(options.UserName)
            && request.Headers["Authorization"] is { } basic && basic.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..].Trim()));
            }
            catch (FormatException)
            {
                return false;
            }
            int colon = decoded.IndexOf(':');
            if (colon < 0) return false;
            // Both parts are compared, always, so the time taken tells nothing about which one was wrong.
            bool user = SameSecret(decoded[..colon], options.UserName);
            bool password = SameSecret(decoded[(colon + 1)..], options.Password ?? "");
            return user & password;
        }
        return false;
    }

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
