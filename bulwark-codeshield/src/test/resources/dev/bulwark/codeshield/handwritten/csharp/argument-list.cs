// expect: secure
using System.Diagnostics;

public static class Archiver
{
    public static int Zip(string source, string destination)
    {
        var info = new ProcessStartInfo("zip") { UseShellExecute = false };
        info.ArgumentList.Add("-r");
        info.ArgumentList.Add(destination);
        info.ArgumentList.Add(source);
        using var process = Process.Start(info);
        process.WaitForExit();
        return process.ExitCode;
    }
}
