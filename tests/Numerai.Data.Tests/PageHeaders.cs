using DuckDB.NET.Data;

namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>
/// The data pages of a column chunk, read from the page headers themselves (Thrift compact protocol), to check the
/// page layout a writer produced: no parquet library exposes it.
/// </summary>
internal static class PageHeaders
{
    /// <summary>(page type, values) of every page of a column chunk, dictionary page included (type 2).</summary>
    public static List<(int Type, int Values, int Encoding)> Read(string path, int rowGroup, int column)
    {
        long start, length, total;
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT coalesce(dictionary_page_offset, data_page_offset), total_compressed_size, num_values FROM parquet_metadata('{path}') WHERE row_group_id = {rowGroup} AND column_id = {column}";
            using var reader = command.ExecuteReader();
            reader.Read();
            start = reader.GetInt64(0);
            length = reader.GetInt64(1);
            total = reader.GetInt64(2);
        }

        var bytes = new byte[length];
        using (var file = File.OpenRead(path))
        {
            file.Position = start;
            file.ReadExactly(bytes);
        }

        var pages = new List<(int, int, int)>();
        var position = 0;
        long seen = 0;

        // stop at the chunk's last value: writers disagree on whether the chunk size counts the page headers
        while (seen < total && position < bytes.Length)
        {
            var header = new Header(bytes, position);
            header.Parse(out var type, out var compressed, out var values, out var encoding);
            pages.Add((type, values, encoding));
            seen += type == 2 ? 0 : values;
            position = header.Position + compressed;
        }

        return pages;
    }

    private ref struct Header(ReadOnlySpan<byte> bytes, int position)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Position { get; private set; } = position;

        public void Parse(out int type, out int compressed, out int values, out int encoding)
        {
            type = compressed = values = 0;
            encoding = -1;
            short last = 0;
            while (true)
            {
                var (id, kind) = Field(ref last);
                if (kind == 0)
                {
                    return;
                }

                if (id == 1 && kind == 5)
                {
                    type = (int)ZigZag();
                }
                else if (id == 3 && kind == 5)
                {
                    compressed = (int)ZigZag();
                }
                else if (id is 5 or 7 or 8 && kind == 12)
                {
                    // data_page_header, dictionary_page_header, data_page_header_v2: num_values is field 1; encoding is 2 (4 in v2)
                    short inner = 0;
                    while (true)
                    {
                        var (f, k) = Field(ref inner);
                        if (k == 0)
                        {
                            break;
                        }

                        if (f == 1 && k == 5)
                        {
                            values = (int)ZigZag();
                        }
                        else if (((f == 2 && id != 8) || (f == 4 && id == 8)) && k == 5)
                        {
                            encoding = (int)ZigZag();
                        }
                        else
                        {
                            Skip(k);
                        }
                    }
                }
                else
                {
                    Skip(kind);
                }
            }
        }

        private (short Id, int Kind) Field(ref short last)
        {
            var b = _bytes[Position++];
            if (b == 0)
            {
                return (0, 0);
            }

            var delta = b >> 4;
            last = delta != 0 ? (short)(last + delta) : (short)ZigZag();
            return (last, b & 0xF);
        }

        private ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _bytes[Position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
        }

        private long ZigZag()
        {
            var v = Varint();
            return (long)(v >> 1) ^ -(long)(v & 1);
        }

        private void Skip(int kind)
        {
            switch (kind)
            {
                case 1 or 2:
                    return;
                case 3:
                    Position++;
                    return;
                case 4 or 5 or 6:
                    Varint();
                    return;
                case 7:
                    Position += 8;
                    return;
                case 8:
                    Position += (int)Varint();
                    return;
                case 9 or 10:
                {
                    var h = _bytes[Position++];
                    var size = h >> 4;
                    if (size == 15)
                    {
                        size = (int)Varint();
                    }

                    for (var i = 0; i < size; i++)
                    {
                        Skip(h & 0xF);
                    }

                    return;
                }

                case 12:
                {
                    short last = 0;
                    while (true)
                    {
                        var (_, k) = Field(ref last);
                        if (k == 0)
                        {
                            return;
                        }

                        Skip(k);
                    }
                }

                default:
                    throw new InvalidDataException($"unexpected Thrift type {kind} in a page header");
            }
        }
    }
}
