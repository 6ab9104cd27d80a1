# ---------------------------------------------------------------------------------------------------
# Event Log Doctor: let Automatic Root Certificates Update reach Windows Update (WinHTTP proxy)
#
# Fixes:   Crypt32 / CAPI2 events 3, 5 and 8 (root list, root certificate or sequence number could not be
#          downloaded) and the event 6 floods they cause, when the cause is the network path.
# Why:     the root list download runs through WinHTTP in a system context, so it uses the machine-wide
#          WinHTTP proxy, not the signed-in user's browser proxy. It needs HTTP (TCP 80) to
#          ctldl.windowsupdate.com (and www.download.windowsupdate.com on older systems).
# Sources: Microsoft Learn, "Crypt32 8 events continuously reported in Windows" (KB 2253680);
#          Microsoft Learn, "Configure trusted roots and disallowed certificates in Windows".
# Needs:   Windows PowerShell 3.0 or later (Windows 7 / Server 2008 R2 ship 2.0: install WMF 5.1).
# Run:     from an elevated PowerShell. Without arguments it only shows the WinHTTP proxy and tests
#          reachability. To change it, edit the call at the end of this block:
#            -ProxyServer 'proxy.example.org:8080' [-BypassList '<local>;*.example.org']   set a proxy
#            -ImportFromIE                        copy the proxy of the current user's Internet Options
#          Dry run unless the file is started with -Apply (or the function with -WhatIf:$false).
# Backup:  the WinHTTP settings are exported with `reg export` before they are changed; undo with
#          `reg import <file>` or `netsh winhttp reset proxy` (direct access).
# ---------------------------------------------------------------------------------------------------
function Repair-RootUpdateConnectivity {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param(
        [string]$ProxyServer,
        [string]$BypassList = '<local>',
        [switch]$ImportFromIE,
        [string[]]$TestHost = @('ctldl.windowsupdate.com', 'www.download.windowsupdate.com'),
        [string]$BackupFolder = (Join-Path $env:ProgramData 'EventLogDoctor\Backup')
    )

    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $isAdmin = ([Security.Principal.WindowsPrincipal]$identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    if (-not $isAdmin) {
        if ($WhatIfPreference) {
            Write-Warning 'Not elevated: continuing as a dry run only. Changes need an elevated PowerShell.'
        } else {
            throw 'Run this from an elevated PowerShell (Run as administrator) to change the WinHTTP proxy.'
        }
    }
    if ($ProxyServer -and $ImportFromIE) {
        throw 'Use either -ProxyServer or -ImportFromIE, not both.'
    }

    $connectionsKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections'
    function Get-WinHttpProxyServer {
        $raw = (Get-ItemProperty -Path $connectionsKey -Name WinHttpSettings -ErrorAction SilentlyContinue).WinHttpSettings
        if ($null -eq $raw -or $raw.Length -lt 16) { return $null }
        # WINHTTP settings blob: size, counter, flags, then the proxy string length and the ANSI proxy string.
        $length = [BitConverter]::ToInt32($raw, 12)
        if ($length -le 0 -or 16 + $length -gt $raw.Length) { return $null }
        return [Text.Encoding]::ASCII.GetString($raw, 16, $length)
    }

    Write-Host 'Current WinHTTP proxy (netsh winhttp show proxy):'
    netsh.exe winhttp show proxy

    $backupFile = Join-Path $BackupFolder ("WinHttpSettings-{0:yyyyMMdd-HHmmss}.reg" -f (Get-Date))
    if ($ProxyServer -or $ImportFromIE) {
        $change = if ($ImportFromIE) { 'import the proxy from Internet Options (netsh winhttp import proxy source=ie)' } else { "set the WinHTTP proxy to '$ProxyServer' with bypass list '$BypassList'" }
        if ($PSCmdlet.ShouldProcess('machine-wide WinHTTP proxy', $change)) {
            New-Item -ItemType Directory -Path $BackupFolder -Force | Out-Null
            reg.exe export 'HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections' $backupFile /y | Out-Null
            if ($LASTEXITCODE -ne 0) { throw "Backup failed (reg export exit code $LASTEXITCODE); nothing was changed." }
            Write-Host "Backup of the previous settings: $backupFile"
            if ($ImportFromIE) {
                netsh.exe winhttp import proxy source=ie
            } else {
                netsh.exe winhttp set proxy proxy-server="$ProxyServer" bypass-list="$BypassList"
            }
            if ($LASTEXITCODE -ne 0) { throw "netsh failed with exit code $LASTEXITCODE; restore with: reg import `"$backupFile`"" }
        }
    }

    # Reachability: with a proxy, WinHTTP only needs the proxy; without one it needs the hosts directly.
    $proxy = Get-WinHttpProxyServer
    $targets = @()
    if ($proxy) {
        $first = ($proxy -split '[;\s]+' | Where-Object { $_ } | Select-Object -First 1) -replace '^[a-z]+=', '' -replace '^[a-z]+://', ''
        $hostName, $port = $first -split ':', 2
        if (-not $port) { $port = 80 }
        $targets += [pscustomobject]@{ Host = $hostName; Port = [int]$port; Role = 'WinHTTP proxy' }
    } else {
        foreach ($name in $TestHost) { $targets += [pscustomobject]@{ Host = $name; Port = 80; Role = 'Windows Update (direct)' } }
    }
    $canTest = [bool](Get-Command Test-NetConnection -ErrorAction SilentlyContinue)
    foreach ($target in $targets) {
        if ($canTest) {
            $ok = Test-NetConnection -ComputerName $target.Host -Port $target.Port -InformationLevel Quiet -WarningAction SilentlyContinue
        } else {
            $client = New-Object System.Net.Sockets.TcpClient
            try { $client.Connect($target.Host, $target.Port); $ok = $client.Connected } catch { $ok = $false } finally { $client.Close() }
        }
        $state = if ($ok) { 'reachable' } else { 'NOT reachable' }
        Write-Host ("{0} {1}:{2} is {3}" -f $target.Role, $target.Host, $target.Port, $state)
    }

    # Verify: the proxy now in effect, and whether the download failures stopped (events newer than one hour).
    Write-Host 'WinHTTP proxy now in effect:'
    netsh.exe winhttp show proxy
    $since = (Get-Date).AddHours(-1)
    $recent = Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'Microsoft-Windows-CAPI2'; Level = 2; StartTime = $since } -ErrorAction SilentlyContinue |
        Where-Object { $_.Id -in 3, 5, 8, 4099, 4101, 4104 -or $_.Message -match 'authrootseq\.txt' }
    if ($recent) {
        $recent | Select-Object -First 5 -Property 'TimeCreated', 'ProviderName', 'Id', 'Message' | Format-List
    } else {
        Write-Host 'No root list download failures logged in the last hour. They recur on their own schedule: check again later.'
    }
}

Repair-RootUpdateConnectivity
