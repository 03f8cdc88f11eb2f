"""The shop's books (issue 18): the ledger kept by the shop's actions, expenses typed in chat,
the month's figures, and the documents and chart made from them.

Rule: the ledger's rules and documents, no chat wording. May import marketing and below (in
practice storage, language and texts); orders/ sits above and calls books.posting when an order moves.
The definitions every figure follows are written out in docs/BOOKS.md."""
