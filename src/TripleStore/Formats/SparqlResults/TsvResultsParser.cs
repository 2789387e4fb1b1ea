using TripleStore.Rdf;

namespace TripleStore.Formats.SparqlResults;

/// <summary>
/// Parses SPARQL TSV results one line at a time: a header of "?var" names, then tab-separated terms in
/// Turtle syntax (IRIs in angle brackets, blank nodes, quoted literals with @lang or ^^&lt;datatype&gt;,
/// bare numbers and booleans); an empty field is unbound.
/// </summary>
internal sealed class TsvResultsParser : ResultsParser
{
    private readonly TextReader _input;
    private long _line;

    public TsvResultsParser(TextReader input, string? sourceName) : base(sourceName)
    {
        _input = input;
        var header = NextLine() ?? throw Error(1, 1, "The TSV document is empty; it needs a header line of variables.");
        var variables = new List<string>();
        if (header.Length > 0)
        {
            int column = 1;
            foreach (var name in header.Split('\t'))
            {
                if (name.Length < 2 || name[0] is not ('?' or '$'))
                    throw Error(_line, column, $"'{name}' is not a variable; TSV headers are written ?name.");
                variables.Add(name[1..]);
                column += name.Length + 1;
            }
        }
        CheckDistinct(variables, _line, 1);
        Variables = variables;
    }

    private string? NextLine()
    {
        var line = _input.ReadLine();
        if (line is null) return null;
        _line++;
        return line;
    }

    public override IEnumerable<Term?[]> Rows()
    {
        while (NextLine() is { } line)
        {
            if (Variables.Count == 0)
            {
                if (line.Length != 0) throw Error(_line, 1, "The header declares no variables, so rows must be empty.");
                yield return [];
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length != Variables.Count)
                throw Error(_line, 1, $"The line has {fields.Length} fields but the header has {Variables.Count}.");
            var row = new Term?[fields.Length];
            int column = 1;
            for (int i = 0; i < fields.Length; i++)
            {
                if (fields[i].Length > 0) row[i] = ParseTerm(fields[i], column);
                column += fields[i].Length + 1;
            }
            yield return row;
        }
    }

    private Term ParseTerm(string text, int column)
    {
        try
        {
            var term = TurtleTermSyntax.Parse(text, BlankNodes, out int consumed);
            if (consumed != text.Length) throw new FormatException($"unexpected text after the term: '{text[consumed..]}'");
            return term;
        }
        catch (FormatException e)
        {
            throw Error(_line, column, $"'{text}' is not an RDF term in Turtle syntax: {e.Message}.");
        }
    }
}
