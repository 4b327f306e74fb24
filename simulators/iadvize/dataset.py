"""Demo conversations of the simulated iAdvize project (fr/nl/en), about SM orders.

The visitors and order numbers match the suite's demo data where it has them
(``omnichannel_inbox/demo``: Julie Lambert, order ``SO26-900001``).
"""


def demo_conversations():
    """Keyword arguments for :meth:`IAdvizeSimulator.add_conversation`, one per conversation."""
    return [
        {
            "conversation_id": "4c8c7408-f73c-42cd-89e9-afbbee7d9024",
            "language": "fr",
            "visitor": {
                "firstName": "Julie",
                "lastName": "Lambert",
                "email": "julie.lambert@example.com",
                "phoneNumber": "0475 12 34 56",
                "country": "BE",
            },
            "custom_data": {"page": "/mon-compte/commandes", "cart_amount": "0"},
            "messages": [
                (
                    "visitor",
                    "Bonjour, où en est ma commande SO26-900001 ? Le canapé devait arriver cette semaine.",
                ),
                ("operator", "Bonjour Madame Lambert, je regarde tout de suite."),
                ("operator", "Le pied du canapé est en rupture, nous attendons le réassort."),
                ("visitor", "D'accord, merci. Vous me tenez au courant ?"),
            ],
        },
        {
            "conversation_id": "9b2e5f10-3c47-4e0b-a1d2-5f7c8e9a0b11",
            "language": "nl",
            "visitor": {
                "firstName": "Pieter",
                "lastName": "Peeters",
                "phoneNumber": "+32 486 55 44 33",
            },
            "custom_data": {"page": "/nl/levering"},
            "messages": [
                ("visitor", "Goedemiddag, kan ik mijn bestelling so26 900002 in Gent ophalen?"),
                ("bot", "Een medewerker komt zo bij u.", "Bot"),
            ],
        },
        {
            "conversation_id": "1f0a9c3e-8d7b-4a6c-9e5d-2b1c0a9f8e7d",
            "language": "en",
            "visitor": {"firstName": "Tom", "email": "tom.claes@example.org"},
            "custom_data": {},
            "messages": [
                ("visitor", "Hi, how do I return a lamp bought online?"),
                ("operator", "Hello Tom, I will send you our return procedure by e-mail."),
            ],
        },
    ]
