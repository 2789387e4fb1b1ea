namespace TripleStore.Remote;

/// <summary>
/// How a remote store copes with a slow or failing endpoint. Queries and reads are retried with
/// exponential backoff and jitter; updates and imports are retried only when repeating them cannot
/// change the outcome (INSERT DATA of triples without blank nodes). A circuit breaker stops calls while
/// the endpoint keeps failing and lets one through again after <see cref="BreakDuration"/>.
/// </summary>
public sealed record RemoteResilienceOptions
{
    /// <summary>The longest one attempt may take until the response headers arrive.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a streaming response may go without delivering any bytes.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt, for idempotent requests; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>The first retry's delay; each further retry doubles it (before jitter).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>No retry waits longer than this.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Randomize delays so that many clients do not retry in step.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>The share of failed calls within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Calls that must be seen within <see cref="SamplingDuration"/> before the circuit may open (at least 2).</summary>
    public int MinimumThroughput { get; init; } = 5;

    /// <summary>The window over which failures are counted (at least 0.5 s).</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the open circuit fails calls fast before letting a trial call through (at least 0.5 s).</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
