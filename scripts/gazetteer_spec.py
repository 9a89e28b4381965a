"""The spec of the generated gazetteer rows: places, their other names and the years of use.

Read by ``scripts/derive_gazetteer.py`` (which looks the places up in GeoNames and writes
``data/gazetteer.csv``). Kept apart from the script because it is data: names and years from
general historical knowledge. A name's years are the first and last year it was the official or
usual one (None: open, also whenever the bound is uncertain); an exonym still usual in English
or in the language that coined it (Munich, Pilsen, Salonica, Canton) stays open-ended. A name of
two places is dated on each, or written once with ``SHARED`` (the better-known place keeps it).
"""

from __future__ import annotations

Names = list[tuple[str, int | None, int | None]]  # (name, from, to): years of use

#: Renamed places: key, modern name as GeoNames writes it, country, feature, other names.
CITIES: list[tuple[str, str, str, str, Names]] = [
    ("lviv", "Lviv", "UA", "city", [("Lemberg", None, 1918), ("Lwów", 1918, 1939),
                                    ("Lvov", None, None), ("Lwow", 1918, 1939)]),
    ("samara", "Samara", "RU", "city", [("Kuybyshev", 1935, 1991), ("Kuibyshev", 1935, 1991)]),
    ("gorki-leninskiye", "Gorki-Leninskiye", "RU", "village",
     [("Gorki", None, None), ("Gorki Leninskiye", None, None)]),
    ("nizhny-novgorod", "Nizhniy Novgorod", "RU", "city",
     [("Nizhny Novgorod", None, None), ("Gorky", 1932, 1990), ("Gorki", 1932, 1990),
      ("Gorkiy", 1932, 1990)]),
    ("chernivtsi", "Chernivtsi", "UA", "city",
     [("Czernowitz", None, 1918), ("Cernăuți", 1918, 1940), ("Chernovtsy", None, None)]),
    ("mariupol", "Mariupol", "UA", "city", [("Zhdanov", 1948, 1989)]),
    ("new-york-city", "New York City", "US", "city",
     [("New York", None, None), ("New Amsterdam", 1625, 1664), ("Nieuw Amsterdam", 1625, 1664)]),
    ("kisangani", "Kisangani", "CD", "city",
     [("Stanley Falls", 1883, 1966), ("Stanleyville", 1898, 1966)]),
    ("seoul", "Seoul", "KR", "city",
     [("Keijō", 1910, 1945), ("Keijo", 1910, 1945), ("Gyeongseong", 1910, 1945),
      ("Hanseong", None, 1910), ("Hanyang", None, 1910)]),
    ("toronto", "Toronto", "CA", "city", [("York", 1793, 1834)]),
    ("ottawa", "Ottawa", "CA", "city", [("Bytown", 1826, 1855)]),
    ("gdansk", "Gdańsk", "PL", "city", [("Danzig", None, 1945), ("Gdansk", None, None)]),
    ("wroclaw", "Wrocław", "PL", "city", [("Breslau", None, 1945), ("Wroclaw", None, None)]),
    ("bratislava", "Bratislava", "SK", "city",
     [("Pressburg", None, 1919), ("Pozsony", None, 1919)]),
    ("kinshasa", "Kinshasa", "CD", "city",
     [("Léopoldville", 1881, 1966), ("Leopoldville", 1881, 1966)]),
    ("volgograd", "Volgograd", "RU", "city",
     [("Tsaritsyn", None, 1925), ("Stalingrad", 1925, 1961)]),
    ("yekaterinburg", "Yekaterinburg", "RU", "city",
     [("Sverdlovsk", 1924, 1991), ("Ekaterinburg", None, None)]),
    ("izmir", "İzmir", "TR", "city", [("Smyrna", None, 1930), ("Izmir", None, None)]),
    ("tokyo", "Tokyo", "JP", "city",
     [("Edo", None, 1868), ("Yedo", None, 1868), ("Tokio", None, None)]),
    ("jakarta", "Jakarta", "ID", "city",
     [("Batavia", 1619, 1942), ("Djakarta", 1942, 1972)]),
    ("ho-chi-minh-city", "Ho Chi Minh City", "VN", "city",
     [("Saigon", None, 1976), ("Sài Gòn", None, 1976)]),
    ("mumbai", "Mumbai", "IN", "city", [("Bombay", None, 1995)]),
    ("chennai", "Chennai", "IN", "city", [("Madras", None, 1996)]),
    ("kolkata", "Kolkata", "IN", "city", [("Calcutta", None, 2001)]),
    ("beijing", "Beijing", "CN", "city", [("Peking", None, None), ("Peiping", 1928, 1949)]),
    ("guangzhou", "Guangzhou", "CN", "city", [("Canton", None, None)]),
    ("lushun", "Lüshun", "CN", "city", [("Port Arthur", 1860, 1955), ("Ryojun", 1905, 1945)]),
    ("vilnius", "Vilnius", "LT", "city", [("Vilna", None, 1939), ("Wilno", 1920, 1939)]),
    ("tallinn", "Tallinn", "EE", "city", [("Reval", None, 1918)]),
    ("turku", "Turku", "FI", "city", [("Åbo", None, None), ("Abo", None, None)]),
    ("geneva", "Geneva", "CH", "city", [("Genève", None, None), ("Genf", None, None)]),
    ("ulyanovsk", "Ulyanovsk", "RU", "city", [("Simbirsk", None, 1924)]),
    # --- Soviet and post-Soviet renamings -----------------------------------------------------
    ("donetsk", "Donetsk", "UA", "city",
     [("Stalino", 1924, 1961), ("Yuzovka", None, 1924), ("Hughesovka", None, 1924)]),
    ("perm", "Perm", "RU", "city", [("Molotov", 1940, 1957)]),
    ("bishkek", "Bishkek", "KG", "city", [("Frunze", 1926, 1991), ("Pishpek", None, 1926)]),
    ("tver", "Tver", "RU", "city", [("Kalinin", 1931, 1990)]),
    ("kirov", "Kirov", "RU", "city", [("Khlynov", None, 1780), ("Vyatka", 1780, 1934)]),
    ("orenburg", "Orenburg", "RU", "city", [("Chkalov", 1938, 1957)]),
    ("luhansk", "Luhansk", "UA", "city",
     [("Lugansk", None, None), ("Voroshilovgrad", 1935, 1958),
      ("Voroshilovgrad", 1970, 1990)]),
    ("dnipro", "Dnipro", "UA", "city",
     [("Yekaterinoslav", 1776, 1926), ("Ekaterinoslav", 1776, 1926),
      ("Dnipropetrovsk", 1926, 2016), ("Dnepropetrovsk", 1926, 2016)]),
    ("kropyvnytskyi", "Kropyvnytskyi", "UA", "city",
     [("Yelisavetgrad", None, 1924), ("Elisavetgrad", None, 1924), ("Zinovyevsk", 1924, 1934),
      ("Kirovo", 1934, 1939), ("Kirovograd", 1939, 2016), ("Kirovohrad", 1939, 2016)]),
    ("vladikavkaz", "Vladikavkaz", "RU", "city",
     [("Ordzhonikidze", 1931, 1944), ("Dzaudzhikau", 1944, 1954),
      ("Ordzhonikidze", 1954, 1990)]),
    ("dushanbe", "Dushanbe", "TJ", "city",
     [("Dyushambe", None, 1929), ("Stalinabad", 1929, 1961)]),
    ("yerevan", "Yerevan", "AM", "city", [("Erivan", None, 1936), ("Erevan", None, None)]),
    ("ganja", "Ganja", "AZ", "city",
     [("Elisavetpol", 1804, 1918), ("Elizavetpol", 1804, 1918), ("Kirovabad", 1935, 1989)]),
    ("astana", "Astana", "KZ", "city",
     [("Akmolinsk", None, 1961), ("Tselinograd", 1961, 1992), ("Akmola", 1992, 1998),
      ("Nur-Sultan", 2019, 2022)]),
    ("novosibirsk", "Novosibirsk", "RU", "city",
     [("Novonikolayevsk", 1903, 1926), ("Novonikolaevsk", 1903, 1926)]),
    ("vyborg", "Vyborg", "RU", "city", [("Viipuri", None, 1944), ("Wiborg", None, None)]),
    ("tartu", "Tartu", "EE", "city",
     [("Dorpat", None, 1918), ("Yuryev", 1893, 1918), ("Jurjew", 1893, 1918)]),
    ("jelgava", "Jelgava", "LV", "city", [("Mitau", None, 1919), ("Mitava", None, 1919)]),
    ("liepaja", "Liepāja", "LV", "city", [("Libau", None, 1919), ("Libava", None, 1919)]),
    ("daugavpils", "Daugavpils", "LV", "city",
     [("Dünaburg", None, 1893), ("Dinaburg", None, 1893), ("Dvinsk", 1893, 1920)]),
    ("ventspils", "Ventspils", "LV", "city", [("Windau", None, 1919)]),
    ("cesis", "Cēsis", "LV", "city", [("Wenden", None, 1919)]),
    ("kaunas", "Kaunas", "LT", "city", [("Kovno", None, 1918), ("Kowno", None, 1939)]),
    ("siauliai", "Šiauliai", "LT", "city", [("Shavli", None, 1918), ("Schaulen", None, 1918)]),
    ("hrodna", "Hrodna", "BY", "city", [("Grodno", None, None), ("Gardinas", None, None)]),
    ("vitebsk", "Vitebsk", "BY", "city", [("Vitsyebsk", None, None), ("Witebsk", None, None)]),
    ("mahilyow", "Mahilyow", "BY", "city", [("Mogilev", None, None), ("Mohylew", None, None)]),
    ("chisinau", "Chisinau", "MD", "city",
     [("Chişinău", None, None), ("Kishinev", None, 1991), ("Kishinyov", None, 1991)]),
    ("bender", "Bender", "MD", "city", [("Bendery", None, None), ("Tighina", 1918, 1944)]),
    ("bilhorod-dnistrovskyi", "Bilhorod-Dnistrovskyi", "UA", "city",
     [("Akkerman", None, 1944), ("Cetatea Albă", 1918, 1944),
      ("Belgorod-Dnestrovsky", 1944, 1991)]),
    ("gyumri", "Gyumri", "AM", "city",
     [("Alexandropol", 1837, 1924), ("Leninakan", 1924, 1990), ("Kumayri", 1990, 1992)]),
    ("zaporizhzhia", "Zaporizhzhia", "UA", "city",
     [("Aleksandrovsk", None, 1921), ("Alexandrovsk", None, 1921), ("Zaporozhye", None, None)]),
    ("ivano-frankivsk", "Ivano-Frankivsk", "UA", "city",
     [("Stanislau", None, 1918), ("Stanisławów", None, 1939), ("Stanislav", 1939, 1962)]),
    ("ternopil", "Ternopil", "UA", "city", [("Tarnopol", None, 1944)]),
    ("khmelnytskyi", "Khmelnytskyi", "UA", "city", [("Proskurov", None, 1954)]),
    ("uzhhorod", "Uzhhorod", "UA", "city",
     [("Ungvár", None, 1919), ("Ungvár", 1938, 1944), ("Uzhgorod", None, None)]),
    ("mukachevo", "Mukachevo", "UA", "city", [("Munkács", None, 1919), ("Munkács", 1938, 1944)]),
    ("rivne", "Rivne", "UA", "city", [("Rovno", None, None), ("Równe", 1919, 1939)]),
    ("bakhmut", "Bakhmut", "UA", "city",
     [("Artemovsk", 1924, 2016), ("Artemivsk", 1924, 2016)]),
    ("pushkin", "Pushkin", "RU", "city",
     [("Tsarskoye Selo", None, 1918), ("Detskoye Selo", 1918, 1937)]),
    # the naval base (1921): "Kronstadt" alone is this one, Braşov's German name needs context
    ("kronstadt", "Kronstadt", "RU", "city", [("Kronshtadt", None, None)]),
    ("gatchina", "Gatchina", "RU", "city",
     [("Trotsk", 1923, 1929), ("Krasnogvardeysk", 1929, 1944)]),
    ("chapayevsk", "Chapayevsk", "RU", "city",   # Trotsk too, for the same years
     [("Ivashchenkovo", None, 1919), ("Trotsk", 1919, 1929)]),
    ("lomonosov", "Lomonosov", "RU", "city", [("Oranienbaum", None, 1948)]),
    ("kingisepp", "Kingisepp", "RU", "city", [("Yamburg", None, 1922)]),
    ("sergiyev-posad", "Sergiyev Posad", "RU", "city", [("Zagorsk", 1930, 1991)]),
    ("tolyatti", "Tolyatti", "RU", "city", [("Stavropol-on-Volga", None, 1964)]),
    ("krasnodar", "Krasnodar", "RU", "city",
     [("Yekaterinodar", 1793, 1920), ("Ekaterinodar", 1793, 1920)]),
    ("makhachkala", "Makhachkala", "RU", "city", [("Petrovsk-Port", 1857, 1921)]),
    ("yoshkar-ola", "Yoshkar-Ola", "RU", "city",
     [("Tsarevokokshaysk", None, 1919), ("Krasnokokshaysk", 1919, 1927)]),
    ("syktyvkar", "Syktyvkar", "RU", "city", [("Ust-Sysolsk", None, 1930)]),
    ("novokuznetsk", "Novokuznetsk", "RU", "city", [("Stalinsk", 1932, 1961)]),
    ("izhevsk", "Izhevsk", "RU", "city", [("Ustinov", 1984, 1987)]),
    ("naberezhnye-chelny", "Naberezhnye Chelny", "RU", "city", [("Brezhnev", 1982, 1988)]),
    ("rybinsk", "Rybinsk", "RU", "city", [("Shcherbakov", 1946, 1957), ("Andropov", 1984, 1989)]),
    ("sovetskaya-gavan", "Sovetskaya Gavan'", "RU", "city",
     [("Imperatorskaya Gavan", None, 1922)]),
    ("ulan-ude", "Ulan-Ude", "RU", "city", [("Verkhneudinsk", None, 1934)]),
    ("ulaanbaatar", "Ulan Bator", "MN", "city",
     [("Ulaanbaatar", None, None), ("Urga", None, 1924), ("Niislel Khüree", 1911, 1924)]),
    ("kyzyl", "Kyzyl", "RU", "city", [("Belotsarsk", 1914, 1918), ("Khem-Beldyr", 1918, 1926)]),
    ("yuzhno-sakhalinsk", "Yuzhno-Sakhalinsk", "RU", "city",
     [("Vladimirovka", None, 1905), ("Toyohara", 1905, 1946)]),
    ("korsakov", "Korsakov", "RU", "city", [("Ōtomari", 1905, 1946), ("Otomari", 1905, 1946)]),
    ("chernyakhovsk", "Chernyakhovsk", "RU", "city", [("Insterburg", None, 1946)]),
    ("sovetsk", "Sovetsk (Kaliningrad Oblast)", "RU", "city", [("Tilsit", None, 1946)]),
    ("baltiysk", "Baltiysk", "RU", "city", [("Pillau", None, 1946)]),
    ("gusev", "Gusev", "RU", "city", [("Gumbinnen", None, 1946)]),
    ("zelenogradsk", "Zelenogradsk", "RU", "city", [("Cranz", None, 1946)]),
    ("pechenga", "Pechenga", "RU", "village", [("Petsamo", 1920, 1944)]),
    ("ashgabat", "Ashgabat", "TM", "city",
     [("Askhabad", None, 1919), ("Poltoratsk", 1919, 1927), ("Ashkhabad", 1927, 1992)]),
    ("turkmenbashi", "Türkmenbaşy", "TM", "city",
     [("Turkmenbashi", None, None), ("Krasnovodsk", 1869, 1993)]),
    ("khujand", "Khujand", "TJ", "city", [("Khodzhent", None, 1936), ("Leninabad", 1936, 1991)]),
    ("karakol", "Karakol", "KG", "city", [("Przhevalsk", 1889, 1921), ("Przhevalsk", 1939, 1992)]),
    ("taraz", "Taraz", "KZ", "city",
     [("Aulie-Ata", None, 1936), ("Mirzoyan", 1936, 1938), ("Dzhambul", 1938, 1993),
      ("Zhambyl", 1993, 1997)]),
    ("semey", "Semey", "KZ", "city", [("Semipalatinsk", None, 2007)]),
    ("aktobe", "Aktobe", "KZ", "city", [("Aktyubinsk", None, 1999)]),
    ("kyzylorda", "Kyzylorda", "KZ", "city", [("Perovsk", 1853, 1922)]),
    ("atyrau", "Atyrau", "KZ", "city", [("Guryev", None, 1992), ("Gurev", None, 1992)]),
    ("mary", "Mary", "TM", "city", [("Merv", None, 1937)]),
    ("chemnitz", "Chemnitz", "DE", "city", [("Karl-Marx-Stadt", 1953, 1990)]),
    ("eisenhuettenstadt", "Eisenhüttenstadt", "DE", "city", [("Stalinstadt", 1953, 1961)]),
    ("varna", "Varna", "BG", "city", [("Stalin", 1949, 1956)]),
    ("shumen", "Shumen", "BG", "city", [("Kolarovgrad", 1950, 1965), ("Shumla", None, None)]),
    ("dupnitsa", "Dupnitsa", "BG", "city", [("Stanke Dimitrov", 1950, 1990)]),
    ("podgorica", "Podgorica", "ME", "city", [("Titograd", 1946, 1992)]),
    ("veles", "Veles", "MK", "city", [("Titov Veles", 1946, 1996)]),
    ("uzice", "Užice", "RS", "city", [("Titovo Užice", 1946, 1992)]),
    ("zlin", "Zlín", "CZ", "city", [("Gottwaldov", 1949, 1989)]),
    ("sharypovo", "Sharypovo", "RU", "city", [("Chernenko", 1985, 1988)]),
    ("severodvinsk", "Severodvinsk", "RU", "city",
     [("Sudostroy", 1936, 1938), ("Molotovsk", 1938, 1957)]),
    ("ussuriysk", "Ussuriysk", "RU", "city",
     [("Nikolsk-Ussuriysky", 1898, 1935), ("Voroshilov", 1935, 1957)]),
    ("vanadzor", "Vanadzor", "AM", "city", [("Karakilisa", None, 1935), ("Kirovakan", 1935, 1993)]),
    ("engels", "Engels", "RU", "city", [("Pokrovsk", None, 1931)]),
    ("kutaisi", "Kutaisi", "GE", "city", [("Kutais", None, 1936)]),
    ("batumi", "Batumi", "GE", "city", [("Batum", None, 1936)]),
    ("pernik", "Pernik", "BG", "city", [("Dimitrovo", 1949, 1962)]),
    ("dobrich", "Dobrich", "BG", "city", [("Bazargic", 1913, 1940), ("Tolbukhin", 1949, 1990)]),
    ("kucove", "Kuçovë", "AL", "city", [("Qyteti Stalin", 1950, 1990)]),
    # --- Finland and the Baltic coast ---------------------------------------------------------
    ("vaasa", "Vaasa", "FI", "city",
     [("Nikolainkaupunki", 1855, 1917), ("Nikolaistad", 1855, 1917), ("Vasa", None, None)]),
    ("tampere", "Tampere", "FI", "city", [("Tammerfors", None, None)]),
    ("oulu", "Oulu", "FI", "city", [("Uleåborg", None, None)]),
    ("parnu", "Pärnu", "EE", "city", [("Pernau", None, 1918), ("Pernov", None, 1918)]),
    ("viljandi", "Viljandi", "EE", "city", [("Fellin", None, 1918)]),
    ("kuressaare", "Kuressaare", "EE", "city",
     [("Arensburg", None, 1918), ("Kingissepa", 1952, 1988)]),
    ("paldiski", "Paldiski", "EE", "city", [("Baltischport", None, 1933)]),
    ("nuuk", "Nuuk", "GL", "city", [("Godthåb", 1728, 1979), ("Godthaab", 1728, 1979)]),
    ("trondheim", "Trondheim", "NO", "city",
     [("Trondhjem", None, 1930), ("Nidaros", 1930, 1931)]),
    # --- German, Austrian and Hungarian names ---------------------------------------------------
    ("ljubljana", "Ljubljana", "SI", "city", [("Laibach", None, 1918)]),
    ("zagreb", "Zagreb", "HR", "city", [("Agram", None, 1918)]),
    ("lodz", "Łódź", "PL", "city", [("Litzmannstadt", 1940, 1945), ("Lodz", None, None)]),
    ("klaipeda", "Klaipėda", "LT", "city",
     [("Memel", None, 1923), ("Memel", 1939, 1945), ("Klaipeda", None, None)]),
    ("poznan", "Poznań", "PL", "city",
     [("Posen", None, 1919), ("Posen", 1939, 1945), ("Poznan", None, None)]),
    ("kosice", "Košice", "SK", "city",
     [("Kaschau", None, 1918), ("Kassa", None, 1918), ("Kassa", 1938, 1945)]),
    ("budapest", "Budapest", "HU", "city",
     [("Buda", None, None), ("Pest", None, None), ("Ofen", None, None), ("Pesth", None, None)]),
    ("timisoara", "Timişoara", "RO", "city", [("Temeswar", None, 1919), ("Temesvár", None, 1919)]),
    ("sibiu", "Sibiu", "RO", "city", [("Hermannstadt", None, 1919), ("Nagyszeben", None, 1919)]),
    ("brasov", "Braşov", "RO", "city",
     [("Kronstadt", None, 1919), ("Brassó", None, 1919), ("Orașul Stalin", 1950, 1960)]),
    ("cluj-napoca", "Cluj-Napoca", "RO", "city",
     [("Cluj", None, None), ("Klausenburg", None, 1919), ("Kolozsvár", None, 1919),
      ("Kolozsvár", 1940, 1944)]),
    ("oradea", "Oradea", "RO", "city",
     [("Großwardein", None, 1919), ("Grosswardein", None, 1919), ("Nagyvárad", None, 1919),
      ("Nagyvárad", 1940, 1944)]),
    ("sighisoara", "Sighişoara", "RO", "city",
     [("Schäßburg", None, 1919), ("Segesvár", None, 1919)]),
    ("targu-mures", "Târgu Mureş", "RO", "city",
     [("Marosvásárhely", None, 1919), ("Marosvásárhely", 1940, 1944)]),
    ("constanta", "Constanţa", "RO", "city",
     [("Küstendje", None, 1878), ("Kustendje", None, 1878)]),
    ("olomouc", "Olomouc", "CZ", "city", [("Olmütz", None, 1945)]),
    ("brno", "Brno", "CZ", "city", [("Brünn", None, 1945)]),
    ("plzen", "Plzeň", "CZ", "city", [("Pilsen", None, None)]),
    ("ceske-budejovice", "České Budějovice", "CZ", "city", [("Budweis", None, 1945)]),
    ("karlovy-vary", "Karlovy Vary", "CZ", "city", [("Karlsbad", None, 1945)]),
    ("marianske-lazne", "Mariánské Lázně", "CZ", "city", [("Marienbad", None, 1945)]),
    ("liberec", "Liberec", "CZ", "city", [("Reichenberg", None, 1945)]),
    ("cheb", "Cheb", "CZ", "city", [("Eger", None, 1945)]),                # shared: SHARED
    ("opava", "Opava", "CZ", "city", [("Troppau", None, 1945)]),
    ("usti-nad-labem", "Ústí nad Labem", "CZ", "city", [("Aussig", None, 1945)]),
    ("jihlava", "Jihlava", "CZ", "city", [("Iglau", None, 1945)]),
    ("znojmo", "Znojmo", "CZ", "city", [("Znaim", None, 1945)]),
    ("hradec-kralove", "Hradec Králové", "CZ", "city", [("Königgrätz", None, 1945)]),
    ("teplice", "Teplice", "CZ", "city", [("Teplitz", None, 1945)]),
    ("terezin", "Terezín", "CZ", "city", [("Theresienstadt", 1780, 1945)]),
    ("prague", "Prague", "CZ", "city", [("Praha", None, None), ("Prag", None, None)]),
    ("cieszyn", "Cieszyn", "PL", "city", [("Teschen", None, 1920), ("Teschen", 1939, 1945)]),
    ("katowice", "Katowice", "PL", "city",
     [("Kattowitz", None, 1922), ("Kattowitz", 1939, 1945), ("Stalinogród", 1953, 1956)]),
    ("gliwice", "Gliwice", "PL", "city", [("Gleiwitz", None, 1945)]),
    ("opole", "Opole", "PL", "city", [("Oppeln", None, 1945)]),
    ("bytom", "Bytom", "PL", "city", [("Beuthen", None, 1945)]),
    ("zabrze", "Zabrze", "PL", "city", [("Hindenburg", 1915, 1945)]),
    ("raciborz", "Racibórz", "PL", "city", [("Ratibor", None, 1945)]),
    ("nysa", "Nysa", "PL", "city", [("Neisse", None, 1945)]),
    ("legnica", "Legnica", "PL", "city", [("Liegnitz", None, 1945)]),
    ("walbrzych", "Wałbrzych", "PL", "city", [("Waldenburg", None, 1945)]),  # shared: SHARED
    ("jelenia-gora", "Jelenia Góra", "PL", "city",
     [("Hirschberg im Riesengebirge", None, 1945), ("Hirschberg", None, 1945)]),  # SHARED
    ("zielona-gora", "Zielona Góra", "PL", "city",
     [("Grünberg in Schlesien", None, 1945), ("Grünberg", None, 1945)]),          # SHARED
    ("glogow", "Głogów", "PL", "city", [("Glogau", None, 1945)]),
    ("klodzko", "Kłodzko", "PL", "city", [("Glatz", None, 1945)]),
    ("gorzow-wielkopolski", "Gorzów Wielkopolski", "PL", "city",
     [("Landsberg an der Warthe", None, 1945)]),
    ("szczecin", "Szczecin", "PL", "city", [("Stettin", None, 1945)]),
    ("kolobrzeg", "Kołobrzeg", "PL", "city", [("Kolberg", None, 1945)]),
    ("koszalin", "Koszalin", "PL", "city", [("Köslin", None, 1945)]),
    ("slupsk", "Słupsk", "PL", "city", [("Stolp", None, 1945)]),
    ("swinoujscie", "Świnoujście", "PL", "city", [("Swinemünde", None, 1945)]),
    ("torun", "Toruń", "PL", "city", [("Thorn", None, 1920), ("Thorn", 1939, 1945)]),
    ("bydgoszcz", "Bydgoszcz", "PL", "city", [("Bromberg", None, 1920), ("Bromberg", 1939, 1945)]),
    ("grudziadz", "Grudziądz", "PL", "city", [("Graudenz", None, 1920), ("Graudenz", 1939, 1945)]),
    ("elblag", "Elbląg", "PL", "city", [("Elbing", None, 1945)]),
    ("malbork", "Malbork", "PL", "city", [("Marienburg", None, 1945)]),
    ("olsztyn", "Olsztyn", "PL", "city", [("Allenstein", None, 1945)]),
    ("ketrzyn", "Kętrzyn", "PL", "city", [("Rastenburg", None, 1946)]),
    ("gizycko", "Giżycko", "PL", "city", [("Lötzen", None, 1946)]),
    ("elk", "Ełk", "PL", "city", [("Lyck", None, 1946)]),
    ("gdynia", "Gdynia", "PL", "city", [("Gotenhafen", 1939, 1945)]),
    ("sopot", "Sopot", "PL", "city", [("Zoppot", None, 1945)]),
    ("krakow", "Kraków", "PL", "city",
     [("Krakau", None, None), ("Cracow", None, None), ("Krakow", None, None)]),
    ("oswiecim", "Oświęcim", "PL", "city", [("Auschwitz", None, None)]),
    ("przemysl", "Przemyśl", "PL", "city", [("Peremyshl", None, None)]),
    ("warsaw", "Warsaw", "PL", "city",
     [("Warszawa", None, None), ("Warschau", None, None), ("Varshava", None, None)]),
    ("bialystok", "Białystok", "PL", "city", [("Belostok", None, None)]),
    ("rijeka", "Rijeka", "HR", "city", [("Fiume", None, 1947)]),
    ("pula", "Pula", "HR", "city", [("Pola", None, 1947)]),
    ("zadar", "Zadar", "HR", "city", [("Zara", None, 1947)]),
    ("split", "Split", "HR", "city", [("Spalato", None, 1918)]),
    ("dubrovnik", "Dubrovnik", "HR", "city", [("Ragusa", None, 1918)]),     # shared: SHARED
    ("kotor", "Kotor", "ME", "city", [("Cattaro", None, 1918)]),
    ("osijek", "Osijek", "HR", "city", [("Esseg", None, 1918), ("Eszék", None, 1918)]),
    ("maribor", "Maribor", "SI", "city",
     [("Marburg an der Drau", None, 1919), ("Marburg", None, 1919)]),     # shared: SHARED
    ("celje", "Celje", "SI", "city", [("Cilli", None, 1918)]),
    ("ptuj", "Ptuj", "SI", "city", [("Pettau", None, 1918)]),
    ("koper", "Koper", "SI", "city", [("Capodistria", None, 1954)]),
    ("opatija", "Opatija", "HR", "city", [("Abbazia", None, 1947)]),
    ("trento", "Trento", "IT", "city", [("Trient", None, None)]),
    ("bolzano", "Bolzano", "IT", "city", [("Bozen", None, None)]),
    ("merano", "Merano", "IT", "city", [("Meran", None, None)]),
    ("gorizia", "Gorizia", "IT", "city", [("Görz", None, None)]),
    ("trieste", "Trieste", "IT", "city", [("Triest", None, None)]),
    ("novi-sad", "Novi Sad", "RS", "city",
     [("Neusatz", None, 1918), ("Újvidék", None, 1918), ("Újvidék", 1941, 1944)]),
    ("subotica", "Subotica", "RS", "city", [("Szabadka", None, 1918), ("Szabadka", 1941, 1944)]),
    ("banska-bystrica", "Banská Bystrica", "SK", "city",
     [("Neusohl", None, 1918), ("Besztercebánya", None, 1918)]),
    ("trnava", "Trnava", "SK", "city", [("Tyrnau", None, 1918), ("Nagyszombat", None, 1918)]),
    ("presov", "Prešov", "SK", "city", [("Eperjes", None, 1918)]),
    ("sopron", "Sopron", "HU", "city", [("Ödenburg", None, None)]),
    ("gyor", "Győr", "HU", "city", [("Raab", None, None)]),
    ("pecs", "Pécs", "HU", "city", [("Fünfkirchen", None, None)]),
    ("strasbourg", "Strasbourg", "FR", "city",
     [("Straßburg", None, None), ("Strassburg", None, None)]),
    ("mulhouse", "Mulhouse", "FR", "city", [("Mülhausen", None, None)]),
    ("leuven", "Leuven", "BE", "city", [("Louvain", None, None)]),
    ("liege", "Liège", "BE", "city", [("Lüttich", None, None)]),
    ("mechelen", "Mechelen", "BE", "city", [("Malines", None, None)]),
    ("ypres", "Ypres", "BE", "city", [("Ieper", None, None)]),
    ("aachen", "Aachen", "DE", "city", [("Aix-la-Chapelle", None, None)]),
    ("munich", "Munich", "DE", "city", [("München", None, None)]),
    ("cologne", "Köln", "DE", "city", [("Cologne", None, None)]),
    ("nuremberg", "Nuremberg", "DE", "city", [("Nürnberg", None, None)]),
    ("the-hague", "The Hague", "NL", "city", [("Den Haag", None, None),
                                              ("'s-Gravenhage", None, None)]),
    ("livorno", "Livorno", "IT", "city", [("Leghorn", None, None)]),
    ("a-coruna", "A Coruña", "ES", "city", [("Corunna", None, None), ("La Coruña", None, None)]),
    ("zaragoza", "Zaragoza", "ES", "city", [("Saragossa", None, None)]),
    # --- Ottoman, Greek and Balkan names --------------------------------------------------------
    ("thessaloniki", "Thessaloniki", "GR", "city",
     [("Salonica", None, None), ("Salonika", None, None), ("Selanik", None, 1912)]),
    ("edirne", "Edirne", "TR", "city", [("Adrianople", None, 1930)]),
    ("shkoder", "Shkodër", "AL", "city", [("Scutari", None, 1913), ("Shkoder", None, None)]),
    ("uskudar", "Üsküdar", "TR", "city", [("Scutari", None, 1930), ("Uskudar", None, None)]),
    ("ankara", "Ankara", "TR", "city", [("Angora", None, 1930)]),
    ("bitola", "Bitola", "MK", "city", [("Monastir", None, 1913), ("Bitolj", 1913, 1945)]),
    ("skopje", "Skopje", "MK", "city",
     [("Üsküb", None, 1912), ("Uskub", None, 1912), ("Skoplje", 1912, 1945)]),
    ("plovdiv", "Plovdiv", "BG", "city", [("Philippopolis", None, None), ("Filibe", None, 1878)]),
    ("ruse", "Ruse", "BG", "city", [("Rustchuk", None, 1878), ("Ruschuk", None, 1878)]),
    ("ioannina", "Ioánnina", "GR", "city", [("Janina", None, None), ("Yanya", None, 1913)]),
    ("heraklion", "Irákleion", "GR", "city", [("Candia", None, None), ("Heraklion", None, None)]),
    ("chania", "Chaniá", "GR", "city", [("Canea", None, None)]),
    ("alexandroupoli", "Alexandroúpoli", "GR", "city",
     [("Dedeağaç", None, 1920), ("Dedeagatch", None, 1920)]),
    ("komotini", "Komotiní", "GR", "city", [("Gümülcine", None, 1920)]),
    ("kavala", "Kavála", "GR", "city", [("Cavalla", None, None)]),
    ("trabzon", "Trabzon", "TR", "city", [("Trebizond", None, None)]),
    ("bursa", "Bursa", "TR", "city", [("Brusa", None, None), ("Broussa", None, None)]),
    ("izmit", "İzmit", "TR", "city", [("Ismid", None, None)]),
    ("antalya", "Antalya", "TR", "city", [("Adalia", None, None)]),
    ("canakkale", "Çanakkale", "TR", "city", [("Chanak", None, None)]),
    ("gaziantep", "Gaziantep", "TR", "city", [("Aintab", None, 1921), ("Antep", None, 1921)]),
    ("kahramanmaras", "Kahramanmaraş", "TR", "city", [("Marash", None, 1973)]),
    ("sanliurfa", "Şanlıurfa", "TR", "city", [("Urfa", None, 1984)]),
    ("diyarbakir", "Diyarbakır", "TR", "city", [("Diarbekir", None, 1937)]),
    ("erzurum", "Erzurum", "TR", "city", [("Erzerum", None, None)]),
    ("aleppo", "Aleppo", "SY", "city", [("Halab", None, None), ("Alep", None, None)]),
    ("beirut", "Beirut", "LB", "city", [("Beyrouth", None, None), ("Beyrut", None, None)]),
    ("basra", "Basrah", "IQ", "city", [("Bussorah", None, None), ("Basra", None, None)]),
    ("mashhad", "Mashhad", "IR", "city", [("Meshed", None, None)]),
    ("isfahan", "Isfahan", "IR", "city", [("Ispahan", None, None)]),
    ("tehran", "Tehran", "IR", "city", [("Teheran", None, None)]),
    ("corfu", "Corfu", "GR", "city", [("Kerkyra", None, None), ("Kérkyra", None, None)]),
    ("zakynthos", "Zakynthos", "GR", "city", [("Zante", None, None)]),
    ("nafplio", "Náfplio", "GR", "city", [("Nauplia", None, None), ("Nafplion", None, None)]),
    ("mesolongi", "Mesolóngi", "GR", "city", [("Missolonghi", None, None)]),
    ("durres", "Durrës", "AL", "city", [("Durazzo", None, None)]),
    ("vlore", "Vlorë", "AL", "city", [("Valona", None, None), ("Avlona", None, None)]),
    ("gjirokaster", "Gjirokastër", "AL", "city", [("Argyrokastro", None, None)]),
    ("korce", "Korçë", "AL", "city", [("Koritsa", None, None)]),
    ("belgrade", "Belgrade", "RS", "city", [("Beograd", None, None), ("Belgrad", None, None)]),
    # --- colonial Africa ------------------------------------------------------------------------
    ("maputo", "Maputo", "MZ", "city",
     [("Lourenço Marques", 1876, 1976), ("Lourenco Marques", 1876, 1976)]),
    ("da-nang", "Da Nang", "VN", "city", [("Tourane", None, 1954)]),
    ("harare", "Harare", "ZW", "city", [("Salisbury", 1890, 1982)]),      # shared: SHARED
    ("kitchener", "Kitchener", "CA", "city", [("Berlin", None, 1916)]),  # shared: SHARED
    ("lubumbashi", "Lubumbashi", "CD", "city",
     [("Élisabethville", 1910, 1966), ("Elisabethville", 1910, 1966)]),
    ("mbandaka", "Mbandaka", "CD", "city", [("Coquilhatville", None, 1966)]),
    ("likasi", "Likasi", "CD", "city", [("Jadotville", None, 1966)]),
    ("kananga", "Kananga", "CD", "city", [("Luluabourg", None, 1966)]),
    ("kalemie", "Kalemie", "CD", "city", [("Albertville", None, 1966)]),  # shared: SHARED
    ("bandundu", "Bandundu", "CD", "city", [("Banningville", None, 1966)]),
    ("masvingo", "Masvingo", "ZW", "city", [("Fort Victoria", 1890, 1982)]),
    ("gweru", "Gweru", "ZW", "city", [("Gwelo", None, 1982)]),
    ("mutare", "Mutare", "ZW", "city", [("Umtali", None, 1982)]),
    ("kwekwe", "Kwekwe", "ZW", "city", [("Que Que", None, 1983)]),
    ("kadoma", "Kadoma (Zimbabwe)", "ZW", "city", [("Gatooma", None, 1982)]),
    ("kabwe", "Kabwe", "ZM", "city", [("Broken Hill", None, 1967)]),      # shared: SHARED
    ("chipata", "Chipata", "ZM", "city", [("Fort Jameson", None, 1967)]),
    ("chimoio", "Chimoio", "MZ", "city", [("Vila Pery", 1916, 1975)]),
    ("lichinga", "Lichinga", "MZ", "city", [("Vila Cabral", None, 1976)]),
    ("huambo", "Huambo", "AO", "city", [("Nova Lisboa", 1928, 1975)]),
    ("kuito", "Kuito", "AO", "city", [("Silva Porto", None, 1975)]),
    ("lubango", "Lubango", "AO", "city", [("Sá da Bandeira", 1923, 1975)]),
    ("namibe", "Namibe", "AO", "city", [("Moçâmedes", None, 1985), ("Mossamedes", None, 1985)]),
    ("saurimo", "Saurimo", "AO", "city", [("Henrique de Carvalho", None, 1975)]),
    ("menongue", "Menongue", "AO", "city", [("Serpa Pinto", None, 1975)]),
    ("banjul", "Banjul", "GM", "city", [("Bathurst", 1816, 1973)]),         # shared: SHARED
    ("ndjamena", "N'Djamena", "TD", "city", [("Fort-Lamy", 1900, 1973)]),
    ("antananarivo", "Antananarivo", "MG", "city", [("Tananarive", None, 1975)]),
    ("toamasina", "Toamasina", "MG", "city", [("Tamatave", None, 1979)]),
    ("kenitra", "Kenitra", "MA", "city", [("Port-Lyautey", 1932, 1956)]),
    ("el-jadida", "El Jadida", "MA", "city", [("Mazagan", None, 1956)]),
    ("essaouira", "Essaouira", "MA", "city", [("Mogador", None, 1956)]),
    ("skikda", "Skikda", "DZ", "city", [("Philippeville", 1838, 1962)]),  # shared: SHARED
    ("annaba", "Annaba", "DZ", "city", [("Bône", None, 1962), ("Bona", None, 1962)]),
    ("chlef", "Chlef", "DZ", "city", [("Orléansville", None, 1964), ("El Asnam", 1964, 1980)]),
    ("bujumbura", "Bujumbura", "BI", "city", [("Usumbura", None, 1962)]),
    ("malabo", "Malabo", "GQ", "city", [("Santa Isabel", None, 1973)]),    # shared: SHARED
    ("antsiranana", "Antsiranana", "MG", "city",
     [("Diego-Suarez", None, 1975), ("Diégo-Suarez", None, 1975)]),
    ("tolanaro", "Tôlanaro", "MG", "city", [("Fort-Dauphin", None, None)]),
    ("nouadhibou", "Nouadhibou", "MR", "city", [("Port-Étienne", None, 1969)]),
    ("mbanza-ngungu", "Mbanza-Ngungu", "CD", "city", [("Thysville", None, 1966)]),
    ("bukavu", "Bukavu", "CD", "city", [("Costermansville", None, 1954)]),
    ("isiro", "Isiro", "CD", "city", [("Paulis", None, 1966)]),
    ("ilebo", "Ilebo", "CD", "city", [("Port-Francqui", None, 1972)]),
    ("windhoek", "Windhoek", "NA", "city", [("Windhuk", None, None)]),
    # --- Asia -----------------------------------------------------------------------------------
    ("wuhan", "Wuhan", "CN", "city",
     [("Hankow", None, None), ("Hankou", None, None), ("Wuchang", None, None)]),
    ("zhanjiang", "Zhanjiang", "CN", "city",
     [("Fort-Bayard", 1898, 1945), ("Kwangchowan", 1898, 1945)]),
    ("vung-tau", "Vũng Tàu", "VN", "city", [("Cap Saint-Jacques", None, None)]),
    ("hoi-an", "Hoi An", "VN", "city", [("Faifo", None, None)]),
    ("kota-kinabalu", "Kota Kinabalu", "MY", "city", [("Jesselton", None, 1968)]),
    ("bandar-seri-begawan", "Bandar Seri Begawan", "BN", "city", [("Brunei Town", None, 1970)]),
    ("bukittinggi", "Bukittinggi", "ID", "city", [("Fort de Kock", None, None)]),
    ("vijayawada", "Vijayawada", "IN", "city", [("Bezwada", None, None)]),
    ("ooty", "Ooty", "IN", "city", [("Ootacamund", None, None), ("Udhagamandalam", None, None)]),
    ("guwahati", "Guwahati", "IN", "city", [("Gauhati", None, None)]),
    ("chattogram", "Chattogram", "BD", "city", [("Chittagong", None, None)]),
    ("nanjing", "Nanjing", "CN", "city", [("Nanking", None, None)]),
    ("xiamen", "Xiamen", "CN", "city", [("Amoy", None, None)]),
    ("tianjin", "Tianjin", "CN", "city", [("Tientsin", None, None)]),
    ("qingdao", "Qingdao", "CN", "city", [("Tsingtao", None, None), ("Tsingtau", 1898, 1914)]),
    ("chongqing", "Chongqing", "CN", "city", [("Chungking", None, None)]),
    ("shenyang", "Shenyang", "CN", "city", [("Mukden", None, None), ("Fengtian", None, 1929)]),
    ("changchun", "Changchun", "CN", "city", [("Hsinking", 1932, 1945), ("Xinjing", 1932, 1945)]),
    ("dalian", "Dalian", "CN", "city",
     [("Dalny", 1898, 1905), ("Dalniy", 1898, 1905), ("Dairen", 1905, 1945)]),
    ("shantou", "Shantou", "CN", "city", [("Swatow", None, None)]),
    ("fuzhou", "Fuzhou", "CN", "city", [("Foochow", None, None)]),
    ("hangzhou", "Hangzhou", "CN", "city", [("Hangchow", None, None)]),
    ("ningbo", "Ningbo", "CN", "city", [("Ningpo", None, None)]),
    ("yantai", "Yantai", "CN", "city", [("Chefoo", None, None)]),
    ("weihai", "Weihai", "CN", "city", [("Weihaiwei", None, None)]),
    ("yanan", "Yan'an", "CN", "city", [("Yenan", None, None)]),
    ("xian", "Xi'an", "CN", "city", [("Sian", None, None)]),
    ("chengdu", "Chengdu", "CN", "city", [("Chengtu", None, None)]),
    ("urumqi", "Ürümqi", "CN", "city", [("Tihwa", None, 1954), ("Dihua", None, 1954)]),
    ("kashgar", "Kashgar", "CN", "city", [("Kashi", None, None)]),
    ("zhangjiakou", "Zhangjiakou", "CN", "city", [("Kalgan", None, None)]),
    ("hohhot", "Hohhot", "CN", "city", [("Kweisui", None, 1954), ("Guisui", None, 1954)]),
    ("pyongyang", "Pyongyang", "KP", "city", [("Heijō", 1910, 1945), ("Heijo", 1910, 1945)]),
    ("busan", "Busan", "KR", "city", [("Fusan", None, 1945), ("Pusan", None, None)]),
    ("incheon", "Incheon", "KR", "city", [("Chemulpo", None, 1910), ("Jinsen", 1910, 1945)]),
    ("taipei", "Taipei", "TW", "city", [("Taihoku", 1895, 1945)]),
    ("kaohsiung", "Kaohsiung", "TW", "city", [("Takao", 1920, 1945)]),
    ("yangon", "Yangon", "MM", "city", [("Rangoon", None, 1989)]),
    ("mawlamyine", "Mawlamyine", "MM", "city", [("Moulmein", None, 1989)]),
    ("sittwe", "Sittwe", "MM", "city", [("Akyab", None, 1989)]),
    ("melaka", "Malacca", "MY", "city", [("Melaka", None, None)]),
    ("bogor", "Bogor", "ID", "city", [("Buitenzorg", None, 1950)]),
    ("makassar", "Makassar", "ID", "city",
     [("Macassar", None, None), ("Ujung Pandang", 1971, 1999)]),
    ("jayapura", "Jayapura", "ID", "city",
     [("Hollandia", 1910, 1962), ("Kota Baru", 1962, 1963), ("Sukarnopura", 1963, 1968)]),
    ("banda-aceh", "Banda Aceh", "ID", "city", [("Kutaraja", None, 1963)]),
    ("surabaya", "Surabaya", "ID", "city", [("Soerabaja", None, 1947)]),
    ("yogyakarta", "Yogyakarta", "ID", "city", [("Djokjakarta", None, 1972),
                                                ("Jogjakarta", None, None)]),
    ("bandung", "Bandung", "ID", "city", [("Bandoeng", None, 1947)]),
    ("varanasi", "Varanasi", "IN", "city", [("Benares", None, 1956), ("Banaras", None, None)]),
    ("pune", "Pune", "IN", "city", [("Poona", None, 1978)]),
    ("kanpur", "Kanpur", "IN", "city", [("Cawnpore", None, 1948)]),
    ("shimla", "Shimla", "IN", "city", [("Simla", None, None)]),
    ("bengaluru", "Bengaluru", "IN", "city", [("Bangalore", None, 2014)]),
    ("mysuru", "Mysuru", "IN", "city", [("Mysore", None, 2014)]),
    ("thiruvananthapuram", "Thiruvananthapuram", "IN", "city", [("Trivandrum", None, 1991)]),
    ("kozhikode", "Kozhikode", "IN", "city", [("Calicut", None, None)]),
    ("puducherry", "Puducherry", "IN", "city", [("Pondicherry", None, 2006)]),
    ("vadodara", "Vadodara", "IN", "city", [("Baroda", None, 1974)]),
    ("prayagraj", "Prayagraj", "IN", "city", [("Allahabad", None, 2018)]),
    ("panaji", "Panaji", "IN", "city", [("Panjim", None, None), ("Nova Goa", 1843, 1961)]),
    ("visakhapatnam", "Visakhapatnam", "IN", "city", [("Vizagapatam", None, None)]),
    ("tiruchirappalli", "Tiruchirappalli", "IN", "city", [("Trichinopoly", None, 1971)]),
    ("thanjavur", "Thanjavur", "IN", "city", [("Tanjore", None, None)]),
    ("mangaluru", "Mangaluru", "IN", "city", [("Mangalore", None, 2014)]),
    ("belagavi", "Belagavi", "IN", "city", [("Belgaum", None, 2014)]),
    ("kollam", "Kollam", "IN", "city", [("Quilon", None, None)]),
    ("jabalpur", "Jabalpur", "IN", "city", [("Jubbulpore", None, None)]),
    ("faisalabad", "Faisalabad", "PK", "city", [("Lyallpur", None, 1979)]),
    ("sahiwal", "Sahiwal", "PK", "city", [("Montgomery", None, 1966)]),  # shared: SHARED
    ("dhaka", "Dhaka", "BD", "city", [("Dacca", None, 1982)]),
    # --- the Americas ---------------------------------------------------------------------------
    ("thunder-bay", "Thunder Bay", "CA", "city",
     [("Port Arthur", 1883, 1970), ("Fort William", None, 1970)]),       # shared: SHARED
    ("san-francisco", "San Francisco", "US", "city", [("Yerba Buena", None, 1847)]),
    ("santo-domingo", "Santo Domingo", "DO", "city", [("Ciudad Trujillo", 1936, 1961)]),
    ("cap-haitien", "Cap-Haïtien", "HT", "city", [("Cap-Français", None, 1804)]),
    ("la-plata", "La Plata", "AR", "city", [("Ciudad Eva Perón", 1952, 1955)]),
    ("chicago", "Chicago", "US", "city", [("Fort Dearborn", 1803, 1837)]),
    ("winnipeg", "Winnipeg", "CA", "city", [("Fort Garry", None, 1873)]),
    ("regina", "Regina", "CA", "city", [("Pile o' Bones", None, 1882)]),
    ("kenora", "Kenora", "CA", "city", [("Rat Portage", None, 1905)]),
    ("florianopolis", "Florianópolis", "BR", "city", [("Desterro", None, 1894)]),
    ("ouro-preto", "Ouro Preto", "BR", "city", [("Vila Rica", None, 1823)]),
    ("morelia", "Morelia", "MX", "city", [("Valladolid", None, 1828)]),  # shared: SHARED
    ("ciudad-bolivar", "Ciudad Bolívar", "VE", "city", [("Angostura", None, 1846)]),
    # the Champaran district (divided in 1971) at Bettiah, its western seat
    ("champaran", "Bettiah", "IN", "district",
     [("Champaran", None, None), ("West Champaran", None, None)]),
]

#: Other names of hand-curated places (rows of data/gazetteer.csv the script keeps as they
#: are): appended after the place's own rows, so that a place keeps one key.
EXTRA_NAMES: dict[str, Names] = {
    "istanbul": [("Stamboul", None, None), ("Stambul", None, None), ("Tsargrad", None, None),
                 ("Kostantiniyye", None, 1930)],
    "kyiv": [("Kiew", None, None), ("Kijów", None, None)],
    "moscow": [("Moskau", None, None)],
}

#: Names shared with a better-known place (key, name): written with feature "shared", they
#: give the place no precedence (historical.SHARED): Berlin alone is Germany's capital, and
#: Kitchener, Ontario only among Canadian neighbours; Salisbury is not Harare without context.
SHARED: set[tuple[str, str]] = {
    ("kitchener", "Berlin"), ("harare", "Salisbury"), ("kwazulu-natal", "Natal"),
    ("brasov", "Kronstadt"),          # Kronstadt, the Russian naval base
    ("cheb", "Eger"),                 # Eger, Hungary
    ("walbrzych", "Waldenburg"), ("jelenia-gora", "Hirschberg"),
    ("zielona-gora", "Grünberg"),     # towns of those names in Germany
    ("dubrovnik", "Ragusa"),          # Ragusa, Sicily
    ("maribor", "Marburg"),           # Marburg an der Lahn
    ("kalemie", "Albertville"),       # Albertville, Savoy
    ("kabwe", "Broken Hill"),         # Broken Hill, New South Wales
    ("banjul", "Bathurst"),           # Bathurst, New South Wales and New Brunswick
    ("skikda", "Philippeville"),      # Philippeville, Belgium
    ("sahiwal", "Montgomery"),        # Montgomery, Alabama
    ("thunder-bay", "Port Arthur"),   # Port Arthur, Manchuria (Lüshun)
    ("thunder-bay", "Fort William"),  # Fort William, Scotland
    ("malabo", "Santa Isabel"),       # many a Santa Isabel in Brazil, Spain, the Philippines
    ("morelia", "Valladolid"),        # Valladolid, Spain
}

#: GeoNames ids where the most populous place of the modern name is not the one meant (the
#: name matches a suburb or a namesake; the id is the city's own record), or where the modern
#: name is written with its region: a modern name that namesakes of like size share (Sovetsk,
#: Kadoma) is left to GeoNames, which refuses to guess, and only the former name is ours.
GEONAMES_IDS: dict[str, int] = {
    "sovetsk": 490068, "kadoma": 889453,
    "zaporizhzhia": 687700,   # "Zaporizhzhia" is a village of 656; the city is Zaporizhzhya
    "sahiwal": 1166548,       # Sahiwal, Punjab (Montgomery), not Sahiwal, Sargodha
}

#: Regions from Natural Earth's geography regions: key, NE name, display name, country, names.
NE_REGIONS: list[tuple[str, str, str, str, list[str]]] = [
    ("jutland", "JUTLAND", "Jutland", "DK", ["Jylland"]),
    ("crimea", "CRIMEA", "Crimea", "UA", ["the Crimea", "Krym"]),
    ("karelia", "Karelia", "Karelia", "RU", ["Karjala"]),
]

#: Countries that were known by another name: key, name, ISO code, a point inside, names.
COUNTRIES: list[tuple[str, str, str, tuple[float, float], Names]] = [
    ("thailand", "Thailand", "TH", (15.5, 101.0), [("Siam", None, 1949)]),
    ("sri-lanka", "Sri Lanka", "LK", (7.8, 80.7), [("Ceylon", None, 1972)]),
    ("iran", "Iran", "IR", (32.5, 54.0), [("Persia", None, None)]),
    ("myanmar", "Myanmar", "MM", (21.0, 96.0), [("Burma", None, None)]),
    ("ethiopia", "Ethiopia", "ET", (9.0, 39.5), [("Abyssinia", None, None)]),
    ("iraq", "Iraq", "IQ", (33.0, 43.5), [("Mesopotamia", None, None)]),
    ("zimbabwe", "Zimbabwe", "ZW", (-19.0, 29.8),
     [("Rhodesia", 1895, 1979), ("Southern Rhodesia", 1901, 1980)]),
    ("zambia", "Zambia", "ZM", (-14.5, 27.8), [("Northern Rhodesia", 1911, 1964)]),
    ("malawi", "Malawi", "MW", (-13.5, 34.0), [("Nyasaland", 1907, 1964)]),
    ("botswana", "Botswana", "BW", (-22.3, 24.0), [("Bechuanaland", 1885, 1966)]),
    ("lesotho", "Lesotho", "LS", (-29.5, 28.3), [("Basutoland", None, 1966)]),
    ("eswatini", "Eswatini", "SZ", (-26.5, 31.5), [("Swaziland", None, 2018)]),
    ("dr-congo", "Democratic Republic of the Congo", "CD", (-2.5, 23.5),
     [("Congo Free State", 1885, 1908), ("Belgian Congo", 1908, 1960), ("Zaire", 1971, 1997)]),
    ("indonesia", "Indonesia", "ID", (-1.5, 113.5),
     [("Dutch East Indies", None, 1949), ("Netherlands Indies", None, 1949)]),
    ("ghana", "Ghana", "GH", (7.9, -1.0), [("Gold Coast", None, 1957)]),
    # "Benin" before 1975 is the kingdom and Benin City, in Nigeria: the name is dated here
    ("benin", "Republic of Benin", "BJ", (9.5, 2.3), [("Benin", 1975, None),
                                                      ("Dahomey", None, 1975)]),
    ("burkina-faso", "Burkina Faso", "BF", (12.3, -1.6), [("Upper Volta", 1919, 1984)]),
    ("tanzania", "Tanzania", "TZ", (-6.3, 34.8),
     [("German East Africa", 1885, 1919), ("Tanganyika", 1920, 1964)]),
    ("namibia", "Namibia", "NA", (-22.0, 17.5),
     [("German South West Africa", 1884, 1915), ("South West Africa", 1915, 1990)]),
    ("mali", "Mali", "ML", (17.0, -3.0), [("French Sudan", 1920, 1960)]),
    ("guinea-bissau", "Guinea-Bissau", "GW", (12.0, -15.0), [("Portuguese Guinea", None, 1974)]),
    ("equatorial-guinea", "Equatorial Guinea", "GQ", (1.6, 10.4),
     [("Spanish Guinea", None, 1968)]),
    ("central-african-republic", "Central African Republic", "CF", (6.6, 20.9),
     [("Ubangi-Shari", 1903, 1958)]),
    ("bangladesh", "Bangladesh", "BD", (23.8, 90.3),
     [("East Bengal", 1947, 1955), ("East Pakistan", 1955, 1971)]),
    ("cambodia", "Cambodia", "KH", (12.6, 104.9), [("Kampuchea", 1975, 1989)]),
    ("belize", "Belize", "BZ", (17.2, -88.7), [("British Honduras", None, 1973)]),
    ("guyana", "Guyana", "GY", (5.0, -58.9), [("British Guiana", None, 1966)]),
    ("suriname", "Suriname", "SR", (4.0, -56.0), [("Dutch Guiana", None, 1975)]),
    ("jordan", "Jordan", "JO", (31.0, 36.3), [("Transjordan", 1921, 1949)]),
]

#: Historical regions with no Natural Earth outline here (its geography regions lack them and
#: its admin-1 file holds four countries only): rough outlines drawn by hand (lon lat), a point
#: inside; the region's name wins over any namesake town (key, name, country, lat, lon, area,
#: other names).
REGION_OUTLINES: list[tuple[str, str, str, float, float, str, Names]] = [
    # Natural Earth's "ANATOLIA" and "LAPLAND" are label strips (the Black Sea coast; a band
    # missing western Lapland): Asian Turkey, and the Sami lands north of about 65 N
    ("anatolia", "Anatolia", "TR", 39.0, 35.0,
     "26.2 39.9, 26.7 40.4, 29.0 41.0, 31.5 41.2, 35.0 42.0, 38.0 41.0, 41.5 41.5, 43.5 41.1, "
     "44.8 39.7, 44.4 37.1, 42.4 37.1, 40.0 36.9, 38.0 36.8, 36.6 36.2, 36.1 35.8, 35.9 36.7, "
     "34.6 36.8, 32.8 36.0, 30.5 36.3, 29.0 36.6, 27.3 37.0, 26.3 38.3, 26.8 39.4",
     [("Asia Minor", None, None), ("Anadolu", None, None)]),
    ("lapland", "Lapland", "FI", 68.0, 24.0,
     "12.0 65.0, 14.5 67.5, 16.0 68.5, 19.0 69.8, 23.0 70.8, 26.0 71.1, 30.0 70.2, 33.0 69.4, "
     "36.0 69.2, 41.0 67.8, 40.0 66.2, 35.0 66.4, 33.5 66.3, 32.0 67.0, 30.0 66.0, 27.0 65.8, "
     "24.0 65.8, 22.0 65.6, 20.0 65.0, 17.0 64.9, 14.0 64.5",
     [("Lappland", None, None), ("Lappi", None, None), ("Sápmi", None, None)]),
    ("bohemia", "Bohemia", "CZ", 49.85, 14.45,
     "12.1 50.3, 12.5 50.4, 13.5 50.7, 14.3 51.05, 14.9 50.9, 15.4 50.8, 16.3 50.65, 16.1 50.2, "
     "15.8 49.9, 15.6 49.5, 15.2 49.1, 14.9 48.75, 14.0 48.6, 13.4 48.95, 12.6 49.4, 12.4 49.8",
     [("Böhmen", None, None), ("Čechy", None, None)]),
    # the Austrian crown land (1772-1918), now in PL and UA; at other dates "Galicia" is Spain's
    ("galicia-lodomeria", "Galicia and Lodomeria", "PL", 49.8, 22.3,
     "19.2 50.0, 19.8 50.3, 21.0 50.4, 22.0 50.6, 23.5 50.4, 24.5 50.2, 25.5 49.8, 26.3 49.4, "
     "26.0 48.6, 25.0 48.3, 24.0 48.6, 23.0 49.0, 22.0 49.2, 21.0 49.4, 20.0 49.2, 19.3 49.5",
     [("Galicia", 1772, 1918), ("Galizien", 1772, 1918), ("Galicja", 1772, 1918)]),
    ("galicia-spain", "Galicia", "ES", 42.75, -7.9,
     "-9.3 43.0, -8.9 43.35, -8.2 43.6, -7.7 43.75, -7.0 43.55, -7.0 43.0, -6.8 42.5, "
     "-7.0 42.05, -7.9 41.85, -8.6 41.9, -8.9 42.1, -9.1 42.6", [("Galiza", None, None)]),
    ("bessarabia", "Bessarabia", "MD", 47.0, 28.6,
     "26.6 48.25, 27.5 48.5, 28.3 48.2, 29.2 47.9, 29.6 47.2, 29.9 46.6, 30.2 46.2, 29.7 45.4, "
     "28.2 45.4, 28.1 45.9, 28.2 46.5, 27.7 47.2, 27.0 47.9", [("Basarabia", None, None)]),
    ("transvaal", "Transvaal", "ZA", -25.5, 29.5,
     "26.5 -24.5, 27.0 -23.8, 28.0 -23.0, 29.5 -22.2, 31.3 -22.4, 31.9 -24.0, 32.0 -25.8, "
     "31.0 -25.9, 30.0 -27.3, 29.0 -27.0, 27.5 -27.0, 26.5 -26.6, 25.8 -26.0, 25.8 -25.0",
     [("South African Republic", 1852, 1902), ("Zuid-Afrikaansche Republiek", 1852, 1902)]),
    ("kwazulu-natal", "KwaZulu-Natal", "ZA", -28.7, 30.6,
     "29.0 -27.7, 29.8 -27.0, 31.0 -27.3, 32.1 -26.85, 32.6 -27.0, 32.4 -28.5, 31.9 -29.0, "
     "31.0 -29.9, 30.2 -31.0, 29.7 -30.6, 29.2 -30.0, 29.3 -29.4, 29.0 -28.8",
     [("Natal", 1843, 1994)]),
    # the Boer republic (1854-1902), then the Orange River Colony and the province (to 1994)
    ("free-state", "Free State", "ZA", -28.5, 26.5,
     "24.3 -28.7, 25.5 -27.7, 26.5 -26.9, 27.6 -26.7, 28.5 -27.2, 29.3 -27.7, 29.4 -28.9, "
     "28.2 -28.8, 27.3 -29.6, 26.9 -30.1, 26.2 -30.6, 25.2 -30.2, 24.5 -29.4",
     [("Orange Free State", 1854, 1995), ("Oranje-Vrijstaat", 1854, 1902),
      ("Orange River Colony", 1902, 1910)]),
    ("manchuria", "Manchuria", "CN", 44.5, 126.0,
     "119.5 42.0, 120.0 45.0, 119.8 47.5, 121.5 49.0, 121.5 51.0, 122.5 53.3, 125.5 53.0, "
     "127.5 49.8, 130.5 48.8, 133.0 48.4, 134.7 48.2, 133.0 45.0, 131.0 42.8, 129.0 42.2, "
     "126.0 41.0, 124.0 39.8, 121.2 38.8, 121.0 40.0", [("Manchukuo", 1932, 1945)]),
    ("saxony", "Saxony", "DE", 50.95, 13.45,
     "11.9 50.4, 12.3 50.2, 12.9 50.4, 13.5 50.6, 14.3 50.9, 14.8 50.85, 15.0 51.3, 14.7 51.55, "
     "14.0 51.45, 13.2 51.4, 12.2 51.5, 12.2 51.0", [("Sachsen", None, None)]),
    ("tyrol", "Tyrol", "AT", 47.25, 11.35,   # the historical county, South Tyrol included
     "10.1 47.4, 10.9 47.5, 11.6 47.6, 12.4 47.7, 12.9 47.1, 12.4 46.7, 11.9 46.2, 11.2 45.9, "
     "10.6 46.1, 10.4 46.6, 10.1 47.0", [("Tirol", None, None)]),
    ("catalonia", "Catalonia", "ES", 41.8, 1.55,
     "0.2 40.6, 0.7 40.5, 1.3 41.1, 2.1 41.3, 3.2 41.9, 3.3 42.3, 2.7 42.45, 1.8 42.5, "
     "0.7 42.85, 0.6 42.3, 0.3 41.6", [("Catalunya", None, None), ("Cataluña", None, None)]),
    ("transylvania", "Transylvania", "RO", 46.6, 24.4,
     "21.5 46.6, 22.7 47.7, 24.0 47.9, 25.0 47.7, 25.9 47.2, 26.3 46.3, 26.0 45.5, 25.2 45.4, "
     "24.0 45.6, 22.9 45.55, 22.4 45.8",
     [("Ardeal", None, None), ("Erdély", None, None), ("Siebenbürgen", None, None)]),
    ("provence", "Provence", "FR", 43.85, 5.9,
     "4.6 43.4, 5.3 43.2, 6.2 43.05, 7.0 43.5, 7.5 43.8, 7.0 44.3, 6.6 44.8, 5.6 44.5, "
     "4.9 44.2, 4.6 43.7", []),
    ("bengal", "Bengal", "IN", 23.2, 88.4,   # before the partitions: now in IN and BD
     "86.0 22.0, 86.9 21.6, 88.2 21.6, 89.5 21.9, 90.5 22.0, 91.8 22.3, 92.5 22.8, 92.2 24.1, "
     "91.0 25.2, 89.8 26.2, 88.8 27.1, 88.1 26.6, 88.0 25.4, 87.2 24.5, 86.3 23.5",
     [("Bengal Presidency", None, 1947)]),
    ("moravia", "Moravia", "CZ", 49.3, 16.8,
     "15.4 49.5, 15.3 49.1, 15.0 48.95, 16.0 48.75, 16.9 48.6, 17.2 48.85, 17.7 48.9, "
     "18.1 49.1, 18.5 49.5, 18.0 49.9, 17.6 50.1, 17.0 50.3, 16.5 50.1, 16.2 49.8, 15.8 49.7",
     [("Mähren", None, None), ("Morava", None, None)]),
    # the Austrian duchy (1775-1918): its capital Czernowitz is in UA, its south in RO
    ("bukovina", "Bukovina", "UA", 48.2, 25.8,
     "25.0 48.0, 25.3 48.4, 25.9 48.55, 26.4 48.4, 26.6 48.2, 26.3 47.9, 26.2 47.5, 25.9 47.3, "
     "25.5 47.2, 25.1 47.3, 24.9 47.5, 24.95 47.8", [("Bukowina", None, None),
                                                     ("Bucovina", None, None)]),
    # the duchy, then the Russian governorate (to 1918), south of the Gulf of Riga and the Daugava
    ("courland", "Courland", "LV", 56.8, 22.5,
     "21.0 56.1, 21.0 56.5, 21.05 57.0, 21.4 57.3, 21.7 57.55, 22.6 57.75, 23.1 57.3, "
     "23.6 57.0, 24.1 56.95, 24.6 56.6, 25.5 56.3, 26.5 55.7, 25.8 56.0, 24.6 56.3, 23.5 56.3, "
     "22.5 56.4, 21.6 56.3", [("Kurland", None, None), ("Kurzeme", None, None)]),
    # the Russian governorate of Livonia (to 1918): Riga to Dorpat, now in LV and EE
    ("livonia", "Livonia", "LV", 57.3, 25.6,
     "23.9 57.0, 24.3 57.8, 23.5 58.3, 24.5 58.4, 25.5 58.9, 26.3 58.9, 27.4 58.8, 27.5 58.0, "
     "27.8 57.4, 27.3 57.1, 26.4 56.8, 25.5 56.65, 24.6 56.7", [("Livland", None, None)]),
    ("east-prussia", "East Prussia", "PL", 54.0, 20.8,
     "19.3 54.4, 19.6 54.45, 19.9 54.95, 21.2 55.25, 21.3 55.7, 22.0 55.0, 22.8 54.9, "
     "22.8 54.35, 22.4 53.9, 21.8 53.5, 20.6 53.3, 19.8 53.45, 19.4 53.8, 19.2 54.1",
     [("Ostpreußen", None, None), ("Ostpreussen", None, None)]),
    # the kingdom after 1866 (1701-1918), then the Free State (to 1947); the small states
    # inside it are not cut out of this rough outline
    ("prussia", "Prussia", "DE", 52.6, 13.9,
     "6.0 50.8, 6.0 51.8, 7.0 52.3, 7.2 53.3, 8.6 54.9, 9.4 54.85, 10.9 54.0, 13.0 54.4, "
     "14.2 53.9, 16.5 54.5, 18.5 54.8, 21.1 55.7, 22.9 54.4, 22.0 53.3, 19.0 52.8, 18.3 52.0, "
     "17.9 51.3, 19.2 50.2, 17.6 50.0, 16.3 50.5, 15.0 50.9, 14.8 51.5, 12.9 51.6, 12.2 51.1, "
     "10.9 51.3, 10.0 50.6, 8.9 50.0, 7.0 49.2, 6.4 49.5",
     [("Preußen", None, 1947), ("Kingdom of Prussia", 1701, 1918)]),
    # the island (Natural Earth's outline is coded CN-TW, which the package's ne: areas lack)
    ("taiwan", "Taiwan", "TW", 23.7, 121.0,
     "121.0 25.3, 121.6 25.3, 122.0 25.0, 121.9 24.6, 121.6 24.0, 121.4 23.2, 121.0 22.6, "
     "120.9 21.9, 120.6 22.3, 120.3 22.5, 120.1 23.0, 120.1 23.6, 120.4 24.3, 120.7 24.8",
     [("Formosa", None, None)]),
    ("tonkin", "Tonkin", "VN", 21.6, 105.3,
     "102.2 22.4, 102.9 22.8, 103.9 22.7, 104.8 22.9, 105.9 23.1, 106.8 22.8, 107.5 21.9, "
     "108.0 21.5, 107.2 20.8, 106.6 20.4, 106.0 19.9, 105.1 20.1, 104.0 19.9, 103.4 20.6, "
     "102.8 21.3, 102.3 21.8", [("Tonking", None, None), ("Bắc Kỳ", None, 1945)]),
    ("annam", "Annam", "VN", 15.5, 108.2,
     "104.0 19.9, 105.1 20.1, 105.9 19.9, 106.2 19.4, 106.6 18.0, 107.3 16.7, 108.3 16.0, "
     "108.9 15.0, 109.3 13.5, 109.2 12.0, 108.9 11.3, 107.6 11.2, 107.3 11.8, 107.6 12.7, "
     "107.5 13.8, 107.6 15.3, 106.7 16.3, 105.6 17.8, 104.5 18.9",
     [("Trung Kỳ", None, 1945)]),
    ("cochinchina", "Cochinchina", "VN", 10.3, 105.8,
     "104.4 10.4, 105.1 10.9, 106.0 11.3, 106.5 11.7, 107.2 11.5, 107.6 10.7, 107.0 10.3, "
     "106.8 10.0, 106.4 9.6, 105.8 9.2, 105.1 8.6, 104.7 8.8, 104.8 9.6",
     [("Cochin China", None, None), ("Cochinchine", None, None), ("Nam Kỳ", None, 1945)]),
    # the union of Tonkin, Annam, Cochinchina, Cambodia and Laos (1887-1954)
    ("indochina", "French Indochina", "VN", 14.0, 108.0,
     "102.1 22.4, 103.9 22.7, 105.9 23.1, 107.0 22.6, 108.0 21.5, 106.6 20.4, 106.6 18.0, "
     "108.3 16.0, 109.3 13.5, 109.2 11.5, 107.2 10.3, 105.1 8.6, 104.5 10.4, 103.0 10.5, "
     "102.4 12.2, 102.6 13.6, 103.8 14.4, 105.2 14.3, 105.5 15.0, 104.8 16.3, 104.1 17.5, "
     "102.6 17.9, 101.2 17.6, 100.5 18.6, 101.3 19.6, 100.5 20.4, 101.1 21.5",
     [("Indochina", 1887, 1954), ("Indochine", 1887, 1954), ("Indo-China", 1887, 1954)]),
    # regions a teacher types that GeoNames answered with US/CA towns or not at all
    ("england", "England", "GB", 52.5, -1.5,
     "-5.7 50.0, -4.2 50.3, -2.5 50.6, -0.8 50.75, 1.4 51.1, 1.75 52.5, 0.3 53.5, -0.5 54.5, "
     "-1.5 55.6, -2.1 55.8, -2.7 55.1, -3.1 54.95, -3.6 54.5, -3.0 53.8, -3.1 53.3, -2.9 52.9, "
     "-3.1 52.3, -2.65 51.6, -3.0 51.2, -4.2 51.2, -5.6 50.6", []),
    ("scotland", "Scotland", "GB", 56.8, -4.2,
     "-2.1 55.8, -1.8 55.9, -2.6 56.1, -2.0 57.0, -1.8 57.6, -3.0 57.7, -3.1 58.6, -5.0 58.65, "
     "-6.2 58.5, -7.6 57.6, -6.3 56.3, -6.3 55.6, -5.6 55.3, -5.0 54.7, -4.3 54.8, -3.1 54.95, "
     "-2.7 55.1", []),
    ("wales", "Wales", "GB", 52.3, -3.7,
     "-3.1 53.3, -3.4 53.35, -4.2 53.2, -4.7 53.4, -4.7 52.8, -4.1 52.6, -4.1 52.3, -4.6 52.1, "
     "-5.3 51.9, -5.1 51.6, -4.2 51.55, -3.3 51.4, -2.65 51.6, -3.1 52.3, -2.9 52.9",
     [("Cymru", None, None)]),
    # the nine-county province: the six of Northern Ireland with Donegal, Cavan and Monaghan
    ("ulster", "Ulster", "GB", 54.6, -7.0,
     "-8.2 55.3, -7.2 55.35, -6.1 55.2, -5.5 54.6, -5.9 54.1, -6.3 54.0, -6.8 54.0, -7.0 53.8, "
     "-7.3 53.8, -7.6 53.9, -8.0 54.2, -8.5 54.45, -8.8 54.7, -8.5 55.1", []),
    ("northern-ireland", "Northern Ireland", "GB", 54.6, -6.7,
     "-7.25 55.1, -6.1 55.2, -5.45 54.6, -5.9 54.05, -6.3 54.05, -6.7 54.2, -7.1 54.2, "
     "-7.4 54.1, -7.7 54.2, -8.15 54.45, -7.8 54.7, -7.4 55.0", []),
    # the historical region, now split between PK and IN
    ("punjab", "Punjab", "PK", 31.0, 73.5,
     "70.0 33.7, 71.5 34.0, 73.0 34.0, 74.5 33.4, 75.6 32.9, 76.8 32.0, 77.5 31.0, 77.3 30.0, "
     "76.5 29.2, 75.5 29.3, 74.0 29.0, 72.5 28.5, 71.0 28.3, 70.0 28.8, 70.5 30.5, 70.4 32.0",
     [("Panjab", None, None), ("Pendjab", None, None)]),
    ("holland", "Holland", "NL", 52.3, 4.75,   # the historical province: North and South Holland
     "4.0 51.8, 4.5 51.75, 4.9 51.85, 5.0 52.1, 4.9 52.3, 5.1 52.45, 5.2 52.9, 4.9 53.05, "
     "4.7 53.0, 4.6 52.5, 4.4 52.2, 4.0 51.95", []),
    ("tuscany", "Tuscany", "IT", 43.4, 11.2,
     "10.0 44.1, 10.4 44.3, 10.8 44.25, 11.5 44.15, 12.3 43.8, 12.1 43.5, 12.0 42.8, "
     "11.75 42.45, 11.2 42.4, 10.9 42.75, 10.5 43.0, 10.3 43.5, 10.2 43.9",
     [("Toscana", None, None)]),
    ("lombardy", "Lombardy", "IT", 45.6, 9.7,
     "8.5 45.5, 8.7 46.1, 9.0 46.3, 9.3 46.5, 10.1 46.6, 10.5 46.5, 10.6 45.9, 10.6 45.4, "
     "11.0 45.1, 11.2 44.95, 10.5 44.9, 9.8 45.0, 9.3 44.7, 8.9 45.0, 8.6 45.2",
     [("Lombardia", None, None)]),
    ("flanders", "Flanders", "BE", 51.0, 4.0,
     "2.55 51.1, 3.4 51.4, 4.2 51.35, 4.8 51.5, 5.2 51.3, 5.85 51.15, 5.7 50.8, 5.0 50.75, "
     "4.3 50.7, 3.7 50.75, 3.2 50.7, 2.8 50.75, 2.6 50.85", [("Vlaanderen", None, None)]),
    ("wallonia", "Wallonia", "BE", 50.3, 5.0,
     "2.85 50.7, 3.7 50.75, 4.3 50.7, 5.0 50.75, 5.7 50.8, 6.1 50.6, 6.4 50.35, 6.0 50.1, "
     "5.8 49.55, 5.4 49.6, 4.8 49.8, 4.85 50.15, 4.2 50.0, 3.3 50.3, 2.85 50.6",
     [("Wallonie", None, None)]),
    ("andalusia", "Andalusia", "ES", 37.4, -4.8,
     "-7.5 37.2, -7.3 38.0, -6.9 38.2, -5.6 38.5, -5.0 38.7, -3.7 38.4, -2.6 38.5, -2.3 38.1, "
     "-1.6 37.4, -1.9 36.75, -2.9 36.7, -4.4 36.7, -5.3 36.1, -5.6 36.0, -6.3 36.5, "
     "-6.4 36.85, -6.9 37.2", [("Andalucía", None, None)]),
    ("burgundy", "Burgundy", "FR", 47.2, 4.4,
     "3.0 47.0, 3.1 47.6, 3.4 48.0, 3.5 48.35, 4.3 48.0, 4.9 47.9, 5.4 47.6, 5.5 47.2, "
     "5.4 46.5, 4.8 46.2, 4.3 46.2, 3.9 46.6, 3.6 46.7", [("Bourgogne", None, None)]),
    ("alsace", "Alsace", "FR", 48.3, 7.5,
     "7.1 48.0, 7.2 48.5, 7.1 49.0, 7.6 49.1, 8.2 48.98, 7.8 48.6, 7.55 48.1, 7.55 47.6, "
     "7.4 47.45, 7.0 47.5, 6.85 47.8", [("Elsass", None, None)]),
    ("lorraine", "Lorraine", "FR", 48.8, 6.2,
     "4.9 48.5, 5.0 49.0, 5.4 49.6, 5.9 49.55, 6.4 49.45, 6.7 49.2, 7.1 49.15, 7.6 49.1, "
     "7.1 49.0, 7.2 48.5, 7.1 48.0, 6.85 47.8, 6.1 47.95, 5.4 48.2", [("Lothringen", None, None)]),
    ("silesia", "Silesia", "PL", 51.0, 17.0,
     "14.8 51.5, 15.5 51.9, 16.4 51.8, 17.3 51.6, 17.8 51.2, 18.4 51.0, 19.2 50.5, 19.3 50.0, "
     "18.8 49.7, 18.0 49.95, 17.4 50.3, 16.9 50.2, 16.4 50.6, 15.4 50.8, 15.0 51.0",
     [("Schlesien", None, None), ("Śląsk", None, None)]),
    ("pomerania", "Pomerania", "PL", 54.0, 16.0,
     "12.5 54.4, 13.4 54.7, 14.3 54.1, 15.5 54.2, 16.5 54.6, 17.8 54.8, 18.6 54.7, 18.8 54.3, "
     "18.4 53.9, 17.5 53.7, 16.5 53.6, 15.5 53.5, 14.6 53.3, 14.1 53.25, 13.4 53.5, 12.9 53.9",
     [("Pommern", None, None), ("Pomorze", None, None)]),
    ("westphalia", "Westphalia", "DE", 51.8, 8.0,
     "6.9 52.1, 7.1 52.4, 7.7 52.45, 8.3 52.5, 8.7 52.5, 9.1 52.1, 9.45 51.7, 9.15 51.4, "
     "8.6 51.0, 8.1 50.9, 7.6 51.1, 7.2 51.4, 6.95 51.6, 6.7 51.9", [("Westfalen", None, None)]),
    ("veneto", "Veneto", "IT", 45.5, 11.8,
     "10.65 45.45, 10.9 45.8, 11.3 46.0, 11.8 46.2, 12.2 46.6, 12.7 46.65, 12.5 46.2, "
     "12.9 45.8, 13.1 45.65, 12.4 45.35, 12.3 45.0, 11.6 45.0, 11.4 45.1, 10.9 45.2",
     [("Venetia", None, None)]),
    # Natural Earth has the island only as "Sicilia": the English name did not resolve
    ("sicily", "Sicily", "IT", 37.5, 14.2,
     "12.4 37.8, 12.7 38.15, 13.3 38.2, 14.0 38.05, 15.0 38.15, 15.65 38.27, 15.2 37.6, "
     "15.1 37.0, 15.1 36.65, 14.4 36.8, 13.5 37.2, 12.9 37.55", [("Sicilia", None, None)]),
    # Mexican states met in biographies; states named like their capital city are left to it
    ("morelos", "Morelos", "MX", 18.75, -99.1,
     "-99.5 18.7, -99.4 19.0, -99.2 19.13, -98.95 19.1, -98.65 19.0, -98.65 18.6, "
     "-98.75 18.35, -99.05 18.35, -99.35 18.45, -99.48 18.55", []),
    ("yucatan", "Yucatán", "MX", 20.8, -89.2,
     "-90.4 21.0, -90.35 21.3, -89.6 21.3, -88.5 21.55, -87.55 21.5, -87.5 21.0, -88.0 20.6, "
     "-88.2 20.0, -88.8 19.75, -89.15 19.65, -89.5 20.0, -90.3 20.45", [("Yucatan", None, None)]),
    ("sonora", "Sonora", "MX", 29.5, -110.5,
     "-114.8 32.5, -111.1 31.33, -109.0 31.33, -108.55 30.5, -108.55 29.0, -108.7 27.9, "
     "-109.1 26.9, -109.45 26.6, -110.0 27.1, -110.6 27.9, -111.3 28.3, -112.2 29.0, "
     "-112.8 30.1, -113.2 31.0, -114.0 31.5, -114.8 31.85", []),
]

#: Hand-made rows: key, name, country, lat, lon, feature, WKT area, reason, other names.
MANUAL: list[tuple[str, str, str, float, float, str, str, str, Names]] = [
    ("brittany", "Brittany", "FR", 48.2, -2.9, "region",
     "POLYGON ((-4.78 48.4, -4.7 48.6, -4.0 48.72, -3.5 48.83, -3.0 48.8, -2.6 48.55, "
     "-2.0 48.65, -1.55 48.63, -1.1 48.5, -1.05 48.0, -1.2 47.7, -1.5 47.55, -2.2 47.5, "
     "-2.5 47.5, -3.0 47.55, -3.5 47.7, -4.15 47.8, -4.4 47.85, -4.7 48.0, -4.3 48.15, "
     "-4.6 48.3, -4.78 48.4))",
     "manual: rough outline of the region (Natural Earth's geography region 'Bretagne' is "
     "only a label strip); point inside", [("Bretagne", None, None), ("Breizh", None, None)]),
    ("normandy", "Normandy", "FR", 49.1, 0.2, "region",
     "POLYGON ((-1.95 49.72, -1.25 49.7, -1.1 49.35, -0.2 49.3, 0.1 49.45, 0.2 49.7, "
     "1.2 50.0, 1.75 50.07, 1.8 49.7, 1.75 49.2, 1.5 48.95, 1.0 48.6, 0.8 48.5, 0.4 48.45, "
     "-0.2 48.5, -0.9 48.5, -1.1 48.65, -1.5 48.6, -1.6 48.85, -1.6 49.2, -1.85 49.4, "
     "-1.95 49.72))",
     "manual: rough outline of the region (Natural Earth's geography region 'Normandie' is "
     "only the Cotentin); point inside", [("Normandie", None, None)]),
    ("bavaria", "Bavaria", "DE", 48.9, 11.4, "region",
     "POLYGON ((9.0 49.8, 9.4 50.1, 9.9 50.5, 10.6 50.35, 11.2 50.4, 11.9 50.4, 12.2 50.3, "
     "12.5 49.7, 13.0 49.3, 13.8 48.77, 13.5 48.5, 13.0 48.25, 12.9 47.7, 13.05 47.5, "
     "12.2 47.6, 11.1 47.4, 10.2 47.3, 9.6 47.55, 10.0 47.9, 10.1 48.5, 10.4 48.9, 10.0 49.5, "
     "9.3 49.6, 9.0 49.8))",
     "manual: rough outline of the Free State of Bavaria (Natural Earth's admin-1 file here "
     "lacks Germany); point inside", [("Bayern", None, None)]),
    ("upper-silesia", "Upper Silesia", "PL", 50.35, 18.5, "region",
     "POLYGON ((17.2 50.9, 17.9 51.0, 18.6 50.95, 19.3 50.5, 19.4 50.1, 19.1 49.7, 18.6 49.8, "
     "18.0 49.9, 17.6 50.1, 17.3 50.3, 17.0 50.5, 17.2 50.9))",
     "manual: rough outline of the historical region (Opole, Gliwice, Katowice, Racibórz, "
     "Cieszyn); point inside", [("Oberschlesien", None, None), ("Górny Śląsk", None, None)]),
    ("tan-trao", "Tân Trào", "VN", 21.79, 105.43, "village", "",
     "manual: not in GeoNames-500; Tân Trào commune, Sơn Dương district, Tuyên Quang "
     "(±5 km)", [("Tan Trao", None, None)]),
    ("pac-bo", "Pác Bó", "VN", 22.98, 106.05, "village", "",
     "manual: not in GeoNames-500; Pác Bó cave, Hà Quảng district, Cao Bằng, by the "
     "Chinese border (±5 km)", [("Pac Bo", None, None)]),
    ("sevagram", "Sevagram", "IN", 20.7333, 78.6667, "village", "",
     "manual: not in GeoNames-500; Gandhi's ashram village 8 km east of Wardha (GeoNames "
     "1252942)", [("Segaon", None, 1940)]),
    ("kim-lien", "Kim Liên", "VN", 18.70, 105.53, "village", "",
     "manual: Kim Liên commune, Nam Đàn district, Nghệ An, birthplace of Hồ Chí Minh (±5 km; "
     "GeoNames' Kim Liên is another commune, 32 km away)", [("Kim Lien", None, None)]),
    ("dandi", "Dandi", "IN", 20.89, 72.80, "village", "",
     "manual: Dandi, Jalalpore taluka, Navsari district, end of the 1930 Salt March (±5 km; "
     "GeoNames' Dandi is a namesake in Maharashtra)", []),
    ("yerwada", "Yerwada", "IN", 18.55, 73.89, "district", "",
     "manual: not in GeoNames-500; Yerwada (Yerawada), Pune, with its central jail (±3 km)",
     [("Yerawada", None, None), ("Yeravda", None, None)]),
    ("sorbonne", "Sorbonne", "FR", 48.84878, 2.34321, "building", "",
     "manual: the Sorbonne building, 5th arrondissement of Paris", [("La Sorbonne", None, None)]),
]
