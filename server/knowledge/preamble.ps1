# ===================================================================================================
# Remediation script written by Event Log Doctor from the findings in an exported event log.
#
# REVIEW EVERY BLOCK BEFORE RUNNING IT. Each block below says what it fixes, where its facts come from,
# what it backs up and how to undo it. Blocks that need values (a proxy name, a file path) say so in
# their header; edit the call at the end of the block.
#
# Dry run by default: started without -Apply, every block only reports and shows what it would change
# (PowerShell's -WhatIf). Started with -Apply it makes the changes and asks before each one; changes
# need an elevated PowerShell (Run as administrator).
#
#   .\<name>.remediation.ps1            dry run
#   .\<name>.remediation.ps1 -Apply     make the changes (confirm each one)
# ===================================================================================================
[CmdletBinding()]
param([switch]$Apply)

# Every block's function inherits this, so its ShouldProcess calls only report unless -Apply was given.
$WhatIfPreference = -not $Apply
if ($WhatIfPreference) {
    Write-Host 'Dry run: nothing will be changed. Start the script with -Apply to make the changes.'
}
