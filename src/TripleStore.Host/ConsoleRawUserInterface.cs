using System.Management.Automation.Host;

namespace TripleStore.Host;

/// <summary>
/// The console geometry PowerShell's formatter asks for. Redirected output has no window, so tables
/// are laid out for $COLUMNS characters, or 120.
/// </summary>
public sealed class ConsoleRawUserInterface : PSHostRawUserInterface
{
    private const int RedirectedWidth = 120;

    public override ConsoleColor ForegroundColor
    {
        get => Console.ForegroundColor;
        set { if (!Console.IsOutputRedirected) Console.ForegroundColor = value; }
    }

    public override ConsoleColor BackgroundColor
    {
        get => Console.BackgroundColor;
        set { if (!Console.IsOutputRedirected) Console.BackgroundColor = value; }
    }

    public override Size BufferSize
    {
        get => new(Width(), short.MaxValue);
        set { }
    }

    public override Size WindowSize
    {
        get => new(Width(), Console.IsOutputRedirected ? 50 : SafeWindowHeight());
        set { }
    }

    public override Size MaxWindowSize => WindowSize;
    public override Size MaxPhysicalWindowSize => WindowSize;

    public override Coordinates CursorPosition
    {
        get => Console.IsOutputRedirected ? new Coordinates(0, 0) : new Coordinates(Console.CursorLeft, Console.CursorTop);
        set { if (!Console.IsOutputRedirected) Console.SetCursorPosition(value.X, value.Y); }
    }

    public override Coordinates WindowPosition { get => new(0, 0); set { } }
    public override int CursorSize { get => 25; set { } }
    public override string WindowTitle { get; set; } = "TripleStore";
    public override bool KeyAvailable => !Console.IsInputRedirected && Console.KeyAvailable;

    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        var key = Console.ReadKey(intercept: (options & ReadKeyOptions.NoEcho) != 0);
        return new KeyInfo((int)key.Key, key.KeyChar, default, keyDown: true);
    }

    public override void FlushInputBuffer()
    {
        while (KeyAvailable) Console.ReadKey(intercept: true);
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
        throw new NotSupportedException("TripleStore.Host does not read back the screen.");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
        throw new NotSupportedException("TripleStore.Host does not draw on the screen.");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
        // Clear-Host asks for this: clear the terminal if there is one.
        if (!Console.IsOutputRedirected) Console.Clear();
    }

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw new NotSupportedException("TripleStore.Host does not scroll the screen.");

    private static int Width()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0) return columns;
        if (Console.IsOutputRedirected) return RedirectedWidth;
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : RedirectedWidth; }
        catch (IOException) { return RedirectedWidth; }
    }

    private static int SafeWindowHeight()
    {
        try { return Console.WindowHeight; }
        catch (IOException) { return 50; }
    }
}
