using System.Net;
using System.Text.Json;
using TripleStore.Operations;

namespace TripleStore.Server;

/// <summary>
/// /health/live and /health/ready, from the store's health checks: 200 while the status is Healthy or
/// Degraded, 503 when Unhealthy or when the server is stopping, with the checks as JSON.
/// </summary>
internal static class HealthEndpoint
{
    public static void Handle(SparqlServer server, HttpListenerContext context, ResponseBody body, bool readiness)
    {
        SparqlServer.RequireMethod(context.Request, "GET", "HEAD");
        var report = readiness ? StoreHealth.CheckReadiness(server.Store) : StoreHealth.CheckLiveness(server.Store);
        bool serving = server.State == ServerState.Running;
        bool ok = serving && report.Status != HealthStatus.Unhealthy;
        var response = context.Response;
        response.StatusCode = ok ? 200 : 503;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers["Cache-Control"] = "no-store";
        if (context.Request.HttpMethod == "HEAD") return;
        using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", serving ? report.Status.ToString() : "Unhealthy");
        json.WriteString("store", report.StorePath);
        json.WriteString("checkedUtc", report.CheckedUtc);
        json.WriteStartArray("checks");
        if (!serving)
        {
            json.WriteStartObject();
            json.WriteString("name", "Server");
            json.WriteString("status", "Unhealthy");
            json.WriteString("detail", "The server is shutting down.");
            json.WriteEndObject();
        }
        foreach (var check in report.Checks)
        {
            json.WriteStartObject();
            json.WriteString("name", check.Name);
            json.WriteString("status", check.Status.ToString());
            json.WriteString("value", check.Value);
            json.WriteString("threshold", check.Threshold);
            json.WriteString("detail", check.Detail);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
