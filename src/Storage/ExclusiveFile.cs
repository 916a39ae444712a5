using System.Runtime.InteropServices;

namespace NumeraiPipeline.Storage;

/// <summary>
/// Creates a file under a name that must not exist yet, atomically: of several processes creating the same name,
/// exactly one succeeds and no reader ever sees the file partly written. <see cref="File.Move(string, string, bool)"/>
/// is not enough on Unix: without overwrite it checks that the target is absent and then renames, and two writers
/// can both pass the check. link(2) of a fully written temporary file fails when the name exists, on local disks
/// and NFS alike. Where hard links are not supported (Cloud Storage FUSE), the file is created with O_EXCL and
/// written in place; such mounts publish an object only when it is closed, so readers still see it whole.
/// </summary>
internal static partial class ExclusiveFile
{
    private const int EEXIST = 17;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless the name exists.</summary>
    /// <returns>False when the name already existed (another writer won).</returns>
    public static bool TryCreate(string path, byte[] content)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING is exclusive on NTFS.
            return WithTemp(directory, content, temp =>
            {
                try
                {
                    File.Move(temp, path, overwrite: false);
                    return true;
                }
                catch (IOException) when (File.Exists(path))
                {
                    return false;
                }
            });
        }

        var linked = WithTemp(directory, content, temp =>
        {
            var result = OperatingSystem.IsMacOS() ? LinkMac(temp, path) : LinkLinux(temp, path);
            if (result == 0)
            {
                return (bool?)true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno == EEXIST ? false : null;
        });
        return linked ?? CreateInPlace(path, content);
    }

    private static bool CreateInPlace(string path, byte[] content)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }

        using (stream)
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        return true;
    }

    private static T WithTemp<T>(string directory, byte[] content, Func<string, T> publish)
    {
        var temp = Path.Combine(directory, ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            return publish(temp);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkLinux(string existing, string created);

    [LibraryImport("libSystem.dylib", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkMac(string existing, string created);
}
