"""Names, places and short clinical sentences for generated coops (Québec, French and English).

Weights are rough: most members of a Québec health coop have French names, with English and
immigrant names in every neighbourhood, accents and compound names included on purpose (search
must find "Hélène" from "helene" and "Côté" from "COTE").
"""

from __future__ import annotations

LAST_FR = """Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier
Bélanger Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé
Poirier Fournier Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martin Landry Martel
Bédard Grenier Lessard Bernier Richard Michaud Hébert Desjardins Couture Turcotte Lachance Parent
Blais Gosselin Savard Proulx Beaudoin Demers Perreault Boudreau Lemieux Cyr Perron Dufour Dion
Mercier Bolduc Bérubé Boisvert Langlois Ménard Therrien Plante Bilodeau Blanchette Dussault Lacroix
Brisson Séguin Goulet Fréchette Gélinas Thériault Champagne Béliveau Pépin Larivière Paré Lefèbvre
Gingras Deschênes Trépanier Létourneau Héroux Rhéaume Vézina Désilets Charbonneau Marcoux""".split()
LAST_EN = """Smith Johnson Brown Wilson MacDonald Campbell Stewart Murphy O'Brien Taylor Anderson
Thompson Kelly Ryan Walsh Murray Robertson Fraser Young Scott McGill O'Neill Reid Graham""".split()
LAST_OTHER = """Nguyen Tran Haddad Khoury Benali Diallo Joseph Jean-Baptiste Rodríguez García Müller
Kowalski Chen Wang Singh Traoré Bouchareb Saint-Fleur Ferreira Papadopoulos Öztürk Dumitrescu""".split()

FIRST_FR_F = """Marie Hélène Élodie Josée Geneviève Chloé Zoé Léa Noémie Maëlle Mélanie Andrée Renée
Céline Ginette Thérèse Nathalie Sylvie Isabelle Julie Catherine Anaïs Inès Aurélie Marie-Ève
Marie-Josée Anne-Sophie Émilie Frédérique Gabrielle Rosalie Béatrice Jacinthe Ève Lucie Danielle
Francine Monique Manon Mégane Laurie Océane Héloïse Justine Maude""".split()
FIRST_FR_M = """Jean Éric Stéphane François Benoît Gaël Jérôme Sébastien Frédéric Réjean Gaétan Léo
Félix Émile Olivier Mathieu Louis Pierre Luc Marc Alexandre Gabriel Raphaël Noël Jean-François
Pier-Luc Jean-Sébastien André Michel Denis Guy Yves Rémi Thomas Antoine Étienne Hugo Samuel
Zacharie Maxime Vincent Simon Jérémie Cédric""".split()
FIRST_EN = """John Mary Sarah Emily James Michael David Jennifer Emma Liam Olivia Noah Chloe Ethan
Grace Ryan Megan Sean Brendan Siobhan Zoë Patrick Kathleen Heather Ian Colin""".split()
FIRST_OTHER = """Mohamed Fatima Amina Yasmine Karim Aïcha Mamadou Thi Minh Nour Youssef Leïla José
Sofía Ahmed Ioana Kenji Priya Wei Samira Dieudonné Mónica""".split()

STREETS = """rue Ontario Est|rue Sainte-Catherine Est|avenue Papineau|rue Hochelaga|rue de la
Visitation|rue Amherst|boulevard Saint-Laurent|rue Saint-Denis|avenue du Mont-Royal|rue
Beaubien|rue Jean-Talon|chemin de la Côte-des-Neiges|rue Notre-Dame Ouest|rue Wellington|avenue
de l'Église|rue Principale|rang Saint-Joseph|chemin du Lac|rue des Érables|rue du Collège""".replace(
    "\n", " ").split("|")
CITIES = ["Montréal", "Montréal", "Montréal", "Québec", "Lévis", "Sherbrooke", "Trois-Rivières",
          "Gatineau", "Saint-Jérôme", "Rimouski", "Saguenay", "Drummondville", "Val-d'Or",
          "Saint-Hyacinthe", "Granby", "Sept-Îles"]

SENTENCES_FR = [
    "Se présente pour un suivi de la tension artérielle.",
    "Dit bien dormir depuis la dernière rencontre.",
    "Plaie propre, bords réguliers, pas de signe d'infection.",
    "Douleur au genou droit depuis trois semaines, pire le matin.",
    "Enseignement fait sur l'autosurveillance de la glycémie.",
    "La personne souhaite réduire sa consommation de tabac.",
    "Humeur plus stable; reprise graduelle du travail à temps partiel.",
    "Rappel de vaccination discuté; la personne est d'accord.",
    "Vit seule, bon réseau de soutien, fille à proximité.",
    "Difficultés financières rapportées ce mois-ci.",
    "Revoir dans deux semaines ou avant au besoin.",
    "Aucun effet indésirable rapporté depuis le début du traitement.",
    "Objectifs révisés avec la personne; elle se dit satisfaite.",
    "Anxiété en hausse à l'approche des examens de fin de session.",
]
SENTENCES_EN = [
    "Came in for a blood pressure follow-up.",
    "Reports sleeping better since the last visit.",
    "Wound clean, edges regular, no sign of infection.",
    "Right knee pain for three weeks, worse in the morning.",
    "Taught self-monitoring of blood glucose.",
    "Wants to cut down on smoking.",
    "Mood more stable; gradual return to part-time work.",
    "Discussed the vaccination reminder; agrees.",
    "Lives alone, good support network, daughter nearby.",
    "Reports money troubles this month.",
]
WORDS = ["suivi", "douleur", "plaie", "pansement", "tension", "vaccin", "sommeil", "anxiété",
         "humeur", "follow-up", "pain", "dressing", "mood", "sleep", "diet", "école", "travail"]

SUMMARY_ITEMS = {
    "problem": ["Hypertension artérielle", "Diabète de type 2", "Asthme", "MPOC",
                "Trouble anxieux généralisé", "Dépression majeure", "Arthrose du genou",
                "Hypothyroïdie", "Insuffisance cardiaque", "Lombalgie chronique"],
    "medication": ["Ramipril 5 mg", "Metformine 500 mg", "Salbutamol 100 mcg", "Sertraline 50 mg",
                   "Lévothyroxine 75 mcg", "Atorvastatine 20 mg", "Acétaminophène 500 mg"],
    "allergy": ["Pénicilline", "Sulfamidés", "Arachides", "Latex", "Codéine", "Iode"],
}
ORDERS = {"nursing": "Ordre des infirmières et infirmiers du Québec (OIIQ)",
          "psychology": "Ordre des psychologues du Québec (OPQ)",
          "social_work": "OTSTCFQ", "acupuncture": "Ordre des acupuncteurs du Québec (OAQ)"}
