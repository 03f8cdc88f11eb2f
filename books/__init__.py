"""The shop's books (issue 18): the ledger kept by the shop's actions, expenses typed in chat,
the month's figures, and the documents and chart made from them.

May import catalog and storage (like orders/); orders/ calls books.posting when an order moves.
The definitions every figure follows are written out in docs/BOOKS.md."""
