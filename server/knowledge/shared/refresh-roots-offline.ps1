# ---------------------------------------------------------------------------------------------------
# Event Log Doctor: give a disconnected host the current trusted roots without Windows Update access
#
# Fixes:   the missing trusted root updates behind Crypt32 / CAPI2 events 3, 5 and 8 on a host that cannot
#          (or must not) reach Windows Update.
# How:     1. On a machine that CAN reach ctldl.windowsupdate.com on port 80, export the roots:
#               -GenerateSst 'D:\roots.sst'          (certutil -generateSSTFromWU)
#             or mirror the CTL files for an internal file or web server:
#               -SyncFolder  '\\server\share\CTL'   (certutil -syncWithWU)
#          2. Copy roots.sst to the disconnected host and import it into LocalMachine\Root:
#               -ImportSst   'D:\roots.sst'          (Import-Certificate; certutil -addstore -f Root
#                                                    where the PKI module is missing, before Windows 8)
#          Edit the call at the end of this block accordingly. Without arguments it only reports.
# Note:    roots imported into LocalMachine\Root are trusted for every purpose: the per-root usage limits
#          of Microsoft's list do not apply to them. In a domain, pointing clients at an internal copy made
#          with -SyncFolder, as the Learn article below describes, keeps those limits.
# Sources: Microsoft Learn, "Configure trusted roots and disallowed certificates in Windows";
#          Microsoft Learn, "Crypt32 8 events continuously reported in Windows" (KB 2253680).
# Needs:   Windows PowerShell 3.0 or later (Windows 7 / Server 2008 R2 ship 2.0: install WMF 5.1).
# Run:     from an elevated PowerShell. Dry run unless the file is started with -Apply.
# Backup:  before importing, the current LocalMachine\Root store is exported to an .sst file; the import
#          only adds certificates, and the list of added thumbprints is written beside the backup.
# ---------------------------------------------------------------------------------------------------
function Update-TrustedRootsOffline {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param(
        [string]$GenerateSst,
        [string]$SyncFolder,
        [string]$ImportSst,
        [string]$BackupFolder = (Join-Path $env:ProgramData 'EventLogDoctor\Backup')
    )

    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $isAdmin = ([Security.Principal.WindowsPrincipal]$identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
    if (-not $isAdmin) {
        if ($WhatIfPreference) {
            Write-Warning 'Not elevated: continuing as a dry run only. Changes need an elevated PowerShell.'
        } else {
            throw 'Run this from an elevated PowerShell (Run as administrator) to change the machine certificate store.'
        }
    }

    $rootStore = 'Cert:\LocalMachine\Root'
    $before = @(Get-ChildItem -Path $rootStore)
    Write-Host ("LocalMachine\Root holds {0} certificates." -f $before.Count)
    if (-not ($GenerateSst -or $SyncFolder -or $ImportSst)) {
        Write-Host 'Nothing to do: pass -GenerateSst or -SyncFolder on a connected machine, -ImportSst on the disconnected host.'
    }

    if ($GenerateSst -and $PSCmdlet.ShouldProcess($GenerateSst, 'download the trusted roots from Windows Update into an SST file (certutil -generateSSTFromWU)')) {
        if (Test-Path $GenerateSst) {
            $kept = $GenerateSst + '.' + (Get-Date -Format 'yyyyMMdd-HHmmss') + '.bak'
            Rename-Item -Path $GenerateSst -NewName (Split-Path $kept -Leaf)
            Write-Host "Existing file kept as $kept"
        }
        certutil.exe -generateSSTFromWU $GenerateSst
        if ($LASTEXITCODE -ne 0) { throw "certutil -generateSSTFromWU failed with exit code $LASTEXITCODE (is ctldl.windowsupdate.com reachable on port 80?)" }
    }

    if ($SyncFolder -and $PSCmdlet.ShouldProcess($SyncFolder, 'download the CTL files from Windows Update for internal redistribution (certutil -syncWithWU)')) {
        New-Item -ItemType Directory -Path $SyncFolder -Force | Out-Null
        certutil.exe -syncWithWU $SyncFolder
        if ($LASTEXITCODE -ne 0) { throw "certutil -syncWithWU failed with exit code $LASTEXITCODE" }
    }

    if ($ImportSst) {
        if (-not (Test-Path $ImportSst)) { throw "SST file not found: $ImportSst" }
        if ($PSCmdlet.ShouldProcess($rootStore, "import the certificates in $ImportSst")) {
            New-Item -ItemType Directory -Path $BackupFolder -Force | Out-Null
            $stamp = '{0:yyyyMMdd-HHmmss}' -f (Get-Date)
            $backupFile = Join-Path $BackupFolder "LocalMachineRoot-$stamp.sst"
            $hasPkiModule = [bool](Get-Command Import-Certificate -ErrorAction SilentlyContinue)
            if ($hasPkiModule) {
                Export-Certificate -Cert $before -FilePath $backupFile -Type SST | Out-Null
            } else {
                $collection = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2Collection
                foreach ($cert in $before) { [void]$collection.Add($cert) }
                [IO.File]::WriteAllBytes($backupFile, $collection.Export([Security.Cryptography.X509Certificates.X509ContentType]::SerializedStore))
            }
            Write-Host "Backup of the store before the import: $backupFile"
            if ($hasPkiModule) {
                $imported = @(Import-Certificate -FilePath $ImportSst -CertStoreLocation $rootStore)
            } else {
                # Before Windows 8 / Server 2012 there is no Import-Certificate; certutil does the same import.
                certutil.exe -addstore -f Root $ImportSst
                if ($LASTEXITCODE -ne 0) { throw "certutil -addstore failed with exit code $LASTEXITCODE" }
                $imported = @(Get-ChildItem -Path $rootStore)
            }
            $known = @{}
            foreach ($cert in $before) { $known[$cert.Thumbprint] = $true }
            $added = @($imported | Where-Object { -not $known.ContainsKey($_.Thumbprint) })
            $addedFile = Join-Path $BackupFolder "LocalMachineRoot-$stamp-added.txt"
            $added | ForEach-Object { '{0}  {1}' -f $_.Thumbprint, $_.Subject } | Set-Content -Path $addedFile
            Write-Host ("The import added {0} certificates that were not in the store (listed in {1})." -f $added.Count, $addedFile)
        }
    }

    # Verify: the store count now, and any root list download errors logged in the last five events.
    Write-Host ("LocalMachine\Root now holds {0} certificates." -f @(Get-ChildItem -Path $rootStore).Count)
    Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'Microsoft-Windows-CAPI2'; Level = 2 } -MaxEvents 5 -ErrorAction SilentlyContinue |
        Select-Object -Property 'TimeCreated', 'Id', 'Message' | Format-List
}

Update-TrustedRootsOffline
