// The Node entry of the language server. `createConnection` reads the transport from the command line
// (--stdio, --node-ipc, --socket=N), so the same bundle serves VS Code and any other LSP client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
