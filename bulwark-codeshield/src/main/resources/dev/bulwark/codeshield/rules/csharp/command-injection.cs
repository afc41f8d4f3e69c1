using System.Diagnostics;

class Launcher {
    void Open(string url, string exe) {
        // ruleid: csharp.command-injection
        Process.Start(url);
        var proc = new Process();
        // ruleid: csharp.command-injection
        proc.StartInfo.FileName = exe;
        var psi = new ProcessStartInfo();
        // ruleid: csharp.command-injection
        psi.Arguments = "/c " + url;
        // ok: csharp.command-injection
        Process.Start("notepad.exe");
        // ok: csharp.command-injection
        dialog.FileName = exe;
        var git = new ProcessStartInfo("git") { UseShellExecute = false };
        git.ArgumentList.Add("clone");
        git.ArgumentList.Add(url);
        // ok: csharp.command-injection
        using var p = Process.Start(git);
        // ruleid: csharp.command-injection
        var shell = new ProcessStartInfo("cmd.exe", "/c dir " + url);
        // ruleid: csharp.command-injection
        Process.Start(shell);
    }
}
