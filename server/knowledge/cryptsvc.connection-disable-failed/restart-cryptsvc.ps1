<#
Restart Cryptographic Services (CryptSvc) when it stops responding

What it fixes
  "Error Disabling Connection - It is not possible to disable the connection at this time" when a network
  connection cannot be disabled because Cryptographic Services does not respond. The services guide notes
  that a restart often clears it; this restarts only the service instead of the whole computer.

What it does (every change asks first; -WhatIf shows the plan without changing anything)
  1. Shows the state, start type and running dependents of CryptSvc.
  2. Restarts CryptSvc (stopping its dependents with it) and starts again the dependents that were running.
  3. Verifies that CryptSvc is running, reports when its start type is not Automatic (the recommended and
     default state), and lists any Service Control Manager error about it since the restart.
  If the error comes back, restart the computer; if CryptSvc fails to start, use the repair script of the
  cryptsvc.service-failed rule.

Sources
  Snakefoot services guide, Cryptographic Services  https://smallvoid.com/article/winnt-services-cryptsvc.html

How to run
  Elevated PowerShell. Dry run: Restart-CryptSvc -WhatIf. Apply: Restart-CryptSvc (answer the prompt) or
  Restart-CryptSvc -Confirm:$false.
#>
function Restart-CryptSvc {
    [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
    param()

    $principal = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        if (-not $WhatIfPreference) {
            throw 'Run this from an elevated PowerShell (Run as administrator), or add -WhatIf for a dry run.'
        }
        Write-Warning 'Not elevated: dry run only; nothing will be changed.'
    }

    $startedAt = Get-Date
    $service = Get-Service -Name CryptSvc -ErrorAction Stop
    $runningDependents = @($service.DependentServices | Where-Object Status -eq 'Running' | ForEach-Object Name)
    Write-Host "CryptSvc is $($service.Status) (start type $($service.StartType)); running dependents: $($runningDependents -join ', ')"

    if ($PSCmdlet.ShouldProcess('Cryptographic Services (CryptSvc)', 'Restart the service and the dependents that were running')) {
        if ($service.Status -eq 'Running') {
            Restart-Service -Name CryptSvc -Force -ErrorAction Stop
        }
        else {
            Start-Service -Name CryptSvc -ErrorAction Stop
        }
        foreach ($name in $runningDependents) { Start-Service -Name $name -ErrorAction Continue }
    }

    Write-Host "`nVerification"
    $service = Get-Service -Name CryptSvc
    $service | Format-Table -AutoSize -Property 'Name', 'DisplayName', 'Status', 'StartType'
    if ($service.Status -ne 'Running') {
        Write-Warning 'CryptSvc is not running.'
    }
    if ($service.StartType -ne 'Automatic') {
        Write-Warning "CryptSvc start type is $($service.StartType); the recommended and default start type is Automatic."
    }
    $errors = @(Get-WinEvent -FilterHashtable @{
            LogName = 'System'; ProviderName = 'Service Control Manager'; Id = 7000, 7001, 7023, 7024, 7031, 7034; StartTime = $startedAt
        } -ErrorAction SilentlyContinue | Where-Object { $_.Message -like "*$($service.DisplayName)*" })
    if ($errors.Count -gt 0) {
        Write-Warning 'Service Control Manager logged errors about CryptSvc since the restart:'
        $errors | Format-List -Property 'TimeCreated', 'Id', 'Message'
    }
}

Restart-CryptSvc
