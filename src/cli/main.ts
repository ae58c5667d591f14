/** The `chatgptt` command-line client (placeholder until the provider lands). */
console.error('chatgptt: not implemented yet');
process.exit(2);
