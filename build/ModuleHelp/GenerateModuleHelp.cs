// An MSBuild task (compiled by RoslynCodeTaskFactory, see ModuleHelp.targets) that turns the help pages
// in docs/help/ into the help files PowerShell reads:
//   <Verb-Noun>.md      → one <command:command> each in <Assembly>.dll-Help.xml (MAML)
//   about_<Topic>.md    → about_<Topic>.help.txt
// The pages follow platyPS's markdown layout (front matter, ## SYNOPSIS, ## SYNTAX, ## DESCRIPTION,
// ## EXAMPLES with ### Example N: ..., ## PARAMETERS with ### -Name and a ```yaml block, ## INPUTS,
// ## OUTPUTS, ## NOTES, ## RELATED LINKS). HTML comments (such as the <!-- example: ... --> markers the
// example tests read) are left out of the generated help.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class GenerateModuleHelp : Task
{
    /// <summary>The markdown pages (cmdlet pages and about_ topics).</summary>
    [Required] public ITaskItem[] Pages { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The MAML file to write, e.g. en-US/TripleStore.PowerShell.dll-Help.xml.</summary>
    [Required] public string MamlFile { get; set; } = "";

    /// <summary>The folder about_*.help.txt files go to.</summary>
    [Required] public string AboutFolder { get; set; } = "";

    [Output] public ITaskItem[] Written { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var written = new List<ITaskItem>();
        var commands = new List<XElement>();
        foreach (var page in Pages.OrderBy(p => p.ItemSpec, StringComparer.Ordinal))
        {
            var path = page.GetMetadata("FullPath");
            var name = Path.GetFileNameWithoutExtension(path);
            var text = File.ReadAllText(path).Replace("\r\n", "\n");
            try
            {
                if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                {
                    Directory.CreateDirectory(AboutFolder);
                    var target = Path.Combine(AboutFolder, name + ".help.txt");
                    WriteIfChanged(target, AboutTopic.Render(name, text));
                    written.Add(new TaskItem(target));
                }
                else if (CommandPage.IsCommandPage(text))
                {
                    commands.Add(CommandPage.Parse(text).ToMaml());
                }
            }
            catch (FormatException ex)
            {
                // A warning, not an error: a page's mistake must not stop the build; the help tests report it.
                Log.LogWarning(null, "HELP001", null, path, 0, 0, 0, 0, "{0}", ex.Message);
            }
        }

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Maml.Msh + "helpItems", new XAttribute("schema", "maml"), commands));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(MamlFile))!);
        var builder = new StringBuilder();
        using (var writer = new Utf8StringWriter(builder)) document.Save(writer);
        WriteIfChanged(MamlFile, builder.ToString());
        written.Add(new TaskItem(MamlFile));
        Log.LogMessage(MessageImportance.Normal, "Help for {0} command(s) -> {1}", commands.Count, MamlFile);
        Written = written.ToArray();
        return true;
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content) return;
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter(StringBuilder builder) : base(builder) { }
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}

/// <summary>The markdown shared by both kinds of page: sections, paragraphs, code blocks.</summary>
internal static class Markdown
{
    private static readonly Regex Comment = new("<!--.*?-->", RegexOptions.Singleline);

    public static string StripFrontMatterAndComments(string text)
    {
        if (text.StartsWith("---\n"))
        {
            int end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
            if (end >= 0) text = text.Substring(text.IndexOf('\n', end + 1) + 1);
        }
        return Comment.Replace(text, "");
    }

    /// <summary>Splits lines into sections at headings of exactly <paramref name="level"/> '#'s.</summary>
    public static List<KeyValuePair<string, List<string>>> Sections(IEnumerable<string> lines, int level)
    {
        var marker = new string('#', level) + " ";
        var sections = new List<KeyValuePair<string, List<string>>>();
        var current = new KeyValuePair<string, List<string>>("", new List<string>());
        bool inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```")) inFence = !inFence;
            if (!inFence && line.StartsWith(marker))
            {
                sections.Add(current);
                current = new KeyValuePair<string, List<string>>(line.Substring(marker.Length).Trim(), new List<string>());
                continue;
            }
            current.Value.Add(line);
        }
        sections.Add(current);
        return sections;
    }

    /// <summary>Paragraphs of plain text: blank lines separate them; list items start new ones; code blocks are left out.</summary>
    public static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        bool inFence = false;
        void Flush()
        {
            if (current.Count > 0) paragraphs.Add(string.Join(" ", current.Select(l => l.Trim())));
            current.Clear();
        }
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```"))
            {
                Flush();
                inFence = !inFence;
                continue;
            }
            if (inFence) continue;
            if (line.Trim().Length == 0) { Flush(); continue; }
            if (Regex.IsMatch(line, @"^\s*([-*]|\d+\.)\s")) Flush();
            current.Add(line);
        }
        Flush();
        return paragraphs;
    }

    /// <summary>The contents of each fenced code block, with the fence's info string.</summary>
    public static List<KeyValuePair<string, string>> CodeBlocks(IEnumerable<string> lines)
    {
        var blocks = new List<KeyValuePair<string, string>>();
        string? info = null;
        var body = new List<string>();
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```"))
            {
                if (info is null) { info = trimmed.Substring(3).Trim(); body.Clear(); }
                else { blocks.Add(new KeyValuePair<string, string>(info, string.Join("\n", body))); info = null; }
                continue;
            }
            if (info is not null) body.Add(line);
        }
        return blocks;
    }
}

internal static class Maml
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace M = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XElement Description(IEnumerable<string> paragraphs) =>
        new(M + "description", paragraphs.Select(p => new XElement(M + "para", p)));
}

internal sealed class ParameterHelp
{
    public string Name = "";
    public List<string> Description = new();
    public string Type = "Object";
    public bool Required;
    public string Position = "named";
    public string DefaultValue = "None";
    public string PipelineInput = "False";
    public string Aliases = "none";
    public bool Globbing;
    public List<string> AcceptedValues = new();

    public XElement ToMaml(bool? requiredInSet = null, string? positionInSet = null)
    {
        bool isSwitch = Type is "SwitchParameter" or "Switch";
        var element = new XElement(Maml.Command + "parameter",
            new XAttribute("required", (requiredInSet ?? Required) ? "true" : "false"),
            new XAttribute("variableLength", Type.EndsWith("[]") ? "true" : "false"),
            new XAttribute("globbing", Globbing ? "true" : "false"),
            new XAttribute("pipelineInput", PipelineInput),
            new XAttribute("position", positionInSet ?? Position),
            new XAttribute("aliases", Aliases),
            new XElement(Maml.M + "name", Name),
            Maml.Description(Description));
        if (AcceptedValues.Count > 0)
            element.Add(new XElement(Maml.Command + "parameterValueGroup",
                AcceptedValues.Select(v => new XElement(Maml.Command + "parameterValue",
                    new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        if (!isSwitch)
            element.Add(new XElement(Maml.Command + "parameterValue",
                new XAttribute("required", "true"), new XAttribute("variableLength", Type.EndsWith("[]") ? "true" : "false"), Type));
        element.Add(new XElement(Maml.Dev + "type", new XElement(Maml.M + "name", Type), new XElement(Maml.M + "uri")));
        element.Add(new XElement(Maml.Dev + "defaultValue", DefaultValue));
        return element;
    }
}

internal sealed class CommandPage
{
    private static readonly Regex Title = new(@"^# ([A-Za-z]+)-([A-Za-z0-9]+)\s*$", RegexOptions.Multiline);
    private static readonly Regex Link = new(@"\[([^\]]+)\]\(([^)]*)\)");

    public string Name = "";
    public string Verb = "";
    public string Noun = "";
    public string Synopsis = "";
    public List<string> Description = new();
    public List<List<string>> SyntaxLines = new();
    public List<(string Title, string Code, List<string> Remarks)> Examples = new();
    public List<ParameterHelp> Parameters = new();
    public List<(string Type, List<string> Description)> Inputs = new();
    public List<(string Type, List<string> Description)> Outputs = new();
    public List<string> Notes = new();
    public List<(string Text, string Uri)> Links = new();

    public static bool IsCommandPage(string text) =>
        Title.IsMatch(text) && text.Contains("\n## SYNOPSIS");

    public static CommandPage Parse(string raw)
    {
        var title = Title.Match(raw);
        var page = new CommandPage { Verb = title.Groups[1].Value, Noun = title.Groups[2].Value };
        page.Name = page.Verb + "-" + page.Noun;
        var lines = Markdown.StripFrontMatterAndComments(raw).Split('\n');
        foreach (var section in Markdown.Sections(lines, 2))
        {
            switch (section.Key.ToUpperInvariant())
            {
                case "SYNOPSIS":
                    page.Synopsis = string.Join(" ", Markdown.Paragraphs(section.Value));
                    break;
                case "SYNTAX":
                    page.ParseSyntax(section.Value);
                    break;
                case "DESCRIPTION":
                    page.Description = Markdown.Paragraphs(section.Value);
                    break;
                case "EXAMPLES":
                    foreach (var example in Markdown.Sections(section.Value, 3).Skip(1))
                    {
                        var code = string.Join("\n\n", Markdown.CodeBlocks(example.Value).Select(b => b.Value.TrimEnd()));
                        page.Examples.Add((example.Key, code, Markdown.Paragraphs(example.Value)));
                    }
                    break;
                case "PARAMETERS":
                    foreach (var parameter in Markdown.Sections(section.Value, 3).Skip(1))
                        page.ParseParameter(parameter.Key, parameter.Value);
                    break;
                case "INPUTS":
                    page.Inputs = TypeList(section.Value);
                    break;
                case "OUTPUTS":
                    page.Outputs = TypeList(section.Value);
                    break;
                case "NOTES":
                    page.Notes = Markdown.Paragraphs(section.Value);
                    break;
                case "RELATED LINKS":
                    foreach (Match link in Link.Matches(string.Join("\n", section.Value)))
                        page.Links.Add((link.Groups[1].Value, link.Groups[2].Value.StartsWith("http") ? link.Groups[2].Value : ""));
                    break;
            }
        }
        if (page.Synopsis.Length == 0) throw new FormatException($"{page.Name}: the page has no SYNOPSIS text.");
        return page;
    }

    private static List<(string, List<string>)> TypeList(List<string> lines) =>
        Markdown.Sections(lines, 3).Skip(1).Select(s => (s.Key, Markdown.Paragraphs(s.Value))).ToList();

    private void ParseSyntax(List<string> lines)
    {
        foreach (var block in Markdown.CodeBlocks(lines))
        {
            List<string>? item = null;
            foreach (var line in block.Value.Split('\n'))
            {
                if (line.Trim().Length == 0) continue;
                if (line.StartsWith(Name, StringComparison.OrdinalIgnoreCase))
                {
                    item = new List<string>();
                    SyntaxLines.Add(item);
                    item.Add(line.Substring(Name.Length));
                }
                else item?.Add(line);
            }
        }
    }

    private void ParseParameter(string heading, List<string> lines)
    {
        if (!heading.StartsWith("-")) return; // "### CommonParameters"
        // "### -Name", or "### -A / -B" for two parameters described together.
        var names = heading.Split('/').Select(n => n.Trim().TrimStart('-').Trim()).ToList();
        if (names.Any(n => !Regex.IsMatch(n, @"^\w+$")))
            throw new FormatException($"{Name}: parameter heading '### {heading}' must name a parameter ('### -Name').");
        foreach (var name in names) Parameters.Add(ParameterEntry(name, lines));
    }

    private static ParameterHelp ParameterEntry(string name, List<string> lines)
    {
        var parameter = new ParameterHelp { Name = name };
        parameter.Description = Markdown.Paragraphs(lines);
        foreach (var block in Markdown.CodeBlocks(lines).Where(b => b.Key == "yaml"))
        {
            foreach (var line in block.Value.Split('\n'))
            {
                int colon = line.IndexOf(':');
                if (colon < 0) continue;
                var key = line.Substring(0, colon).Trim().ToLowerInvariant();
                var value = line.Substring(colon + 1).Trim();
                switch (key)
                {
                    case "type": parameter.Type = value; break;
                    case "required": parameter.Required = value.StartsWith("True", StringComparison.OrdinalIgnoreCase); break;
                    case "position": parameter.Position = value.Length == 0 ? "named" : value.ToLowerInvariant() == "named" ? "named" : value; break;
                    case "default value": parameter.DefaultValue = value.Length == 0 ? "None" : value; break;
                    case "accept pipeline input": parameter.PipelineInput = value.Length == 0 ? "False" : value; break;
                    case "aliases": parameter.Aliases = value.Length == 0 ? "none" : value; break;
                    case "accept wildcard characters": parameter.Globbing = value.StartsWith("True", StringComparison.OrdinalIgnoreCase); break;
                    case "accepted values": parameter.AcceptedValues = value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList(); break;
                }
            }
        }
        if (parameter.Description.Count == 0 && StandardParameters.TryGetValue(name, out var standard))
            parameter.Description.Add(standard);
        return parameter;
    }

    /// <summary>What the risk-mitigation parameters do is the same for every cmdlet.</summary>
    private static readonly Dictionary<string, string> StandardParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
    };

    private ParameterHelp Parameter(string name)
    {
        var parameter = Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (parameter is not null) return parameter;
        if (!StandardParameters.ContainsKey(name))
            throw new FormatException($"{Name}: SYNTAX names -{name}, which has no '### -{name}' entry under PARAMETERS.");
        parameter = new ParameterHelp { Name = name, Type = "SwitchParameter", Aliases = name == "WhatIf" ? "wi" : "cf" };
        parameter.Description.Add(StandardParameters[name]);
        Parameters.Add(parameter);
        return parameter;
    }

    public XElement ToMaml()
    {
        var command = new XElement(Maml.Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml.M),
            new XAttribute(XNamespace.Xmlns + "command", Maml.Command),
            new XAttribute(XNamespace.Xmlns + "dev", Maml.Dev),
            new XElement(Maml.Command + "details",
                new XElement(Maml.Command + "name", Name),
                new XElement(Maml.Command + "verb", Verb),
                new XElement(Maml.Command + "noun", Noun),
                Maml.Description(new[] { Synopsis })),
            Maml.Description(Description),
            new XElement(Maml.Command + "syntax", SyntaxLines.Select(SyntaxItem)),
            new XElement(Maml.Command + "parameters", Parameters.Select(p => p.ToMaml())),
            new XElement(Maml.Command + "inputTypes", Inputs.Select(i => new XElement(Maml.Command + "inputType",
                new XElement(Maml.Dev + "type", new XElement(Maml.M + "name", i.Type)), Maml.Description(i.Description)))),
            new XElement(Maml.Command + "returnValues", Outputs.Select(o => new XElement(Maml.Command + "returnValue",
                new XElement(Maml.Dev + "type", new XElement(Maml.M + "name", o.Type)), Maml.Description(o.Description)))));
        if (Notes.Count > 0)
            command.Add(new XElement(Maml.M + "alertSet", new XElement(Maml.M + "alert", Notes.Select(n => new XElement(Maml.M + "para", n)))));
        command.Add(new XElement(Maml.Command + "examples", Examples.Select(e => new XElement(Maml.Command + "example",
            new XElement(Maml.M + "title", $"-------------------------- {e.Title} --------------------------"),
            new XElement(Maml.Dev + "code", e.Code),
            new XElement(Maml.Dev + "remarks", e.Remarks.Select(r => new XElement(Maml.M + "para", r)))))));
        command.Add(new XElement(Maml.Command + "relatedLinks", Links.Select(l => new XElement(Maml.M + "navigationLink",
            new XElement(Maml.M + "linkText", l.Text), new XElement(Maml.M + "uri", l.Uri)))));
        return command;
    }

    // In a syntax line: "[[-Name] <T>]" optional positional, "[-Name] <T>" required positional,
    // "[-Name <T>]" or "[-Switch]" optional named, "-Name <T>" or "-Switch" required named.
    private static readonly Regex SyntaxToken = new(
        @"\[\[-(?<op>\w+)\]\s*<[^>]+>\]|\[-(?<rp>\w+)\]\s*<[^>]+>|\[-(?<on>\w+)(?:\s*<[^>]+>)?\]|(?<![\w\[])-(?<rn>\w+)(?:\s*<[^>]+>)?");

    /// <summary>One syntax line: its parameters in order, each as its PARAMETERS entry says, with the
    /// line's own brackets deciding whether it is required and positional in this parameter set.</summary>
    private XElement SyntaxItem(List<string> lines)
    {
        var item = new XElement(Maml.Command + "syntaxItem", new XElement(Maml.M + "name", Name));
        var text = string.Join(" ", lines.Select(l => l.Trim()));
        foreach (Match token in SyntaxToken.Matches(text))
        {
            string kind = new[] { "op", "rp", "on", "rn" }.First(k => token.Groups[k].Success);
            var name = token.Groups[kind].Value;
            var parameter = Parameter(name);
            bool required = kind is "rp" or "rn";
            bool positional = kind is "op" or "rp";
            item.Add(parameter.ToMaml(required, positional ? (parameter.Position == "named" ? "0" : parameter.Position) : "named"));
        }
        return item;
    }
}

/// <summary>Renders an about_ topic's markdown as the plain text Get-Help shows.</summary>
internal static class AboutTopic
{
    public static string Render(string name, string raw)
    {
        var output = new StringBuilder();
        var lines = Markdown.StripFrontMatterAndComments(raw).Split('\n');
        bool inFence = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```")) { inFence = !inFence; continue; }
            if (inFence) { output.Append("        ").AppendLine(line.TrimEnd()); continue; }
            if (line.StartsWith("# ")) { output.AppendLine("TOPIC").Append("    ").AppendLine(name).AppendLine(); continue; }
            if (line.StartsWith("## ")) { output.AppendLine(line.Substring(3).Trim().ToUpperInvariant()); continue; }
            if (line.StartsWith("### ")) { output.Append("  ").AppendLine(line.Substring(4).Trim()); continue; }
            output.AppendLine(line.Trim().Length == 0 ? "" : "    " + line.TrimEnd().Replace("`", ""));
        }
        return output.ToString().TrimEnd() + "\n";
    }
}
